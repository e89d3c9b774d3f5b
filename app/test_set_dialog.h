#pragma once
// Shows the test set and its preprocessing, x = (u8/255 - mean)/std per channel, and lets the user
// choose another test set or edit mean and std.
#include <QDialog>

class QLabel;
class QLineEdit;

namespace bitlens {

struct TestSet;

class TestSetDialog : public QDialog
{
    Q_OBJECT
public:
    TestSetDialog(const TestSet& current, QWidget* parent = nullptr);
    QString path() const;
    QString mean() const;
    QString std() const;
    bool preprocessingEdited() const;

private:
    QLineEdit* m_path;
    QLineEdit* m_mean;
    QLineEdit* m_std;
    QString m_initialMean, m_initialStd;
};

// "0.286" or "0.485, 0.456, 0.406": the list as the preprocessing fields show it.
QString floatListText(const std::vector<float>& values);

} // namespace bitlens
