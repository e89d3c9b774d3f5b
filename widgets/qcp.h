#pragma once
// QCustomPlot's header uses Qt's lower-case keywords (signals, foreach), which this project turns
// off (QT_NO_KEYWORDS); they are defined for its header only.
#ifndef signals
#define BITLENS_QCP_KEYWORDS
#define signals Q_SIGNALS
#define slots Q_SLOTS
#define emit Q_EMIT
#define foreach Q_FOREACH
#endif
#include <qcustomplot.h>
#ifdef BITLENS_QCP_KEYWORDS
#undef signals
#undef slots
#undef emit
#undef foreach
#undef BITLENS_QCP_KEYWORDS
#endif
