#include "model.h"

namespace bitlens {

const Attribute* Node::attribute(std::string_view attrName) const
{
    for (const Attribute& a : attributes)
        if (a.name == attrName)
            return &a;
    return nullptr;
}

int64_t Node::intAttribute(std::string_view attrName, int64_t fallback) const
{
    const Attribute* a = attribute(attrName);
    return a && a->kind == Attribute::Kind::Int ? a->i : fallback;
}

double Node::floatAttribute(std::string_view attrName, double fallback) const
{
    const Attribute* a = attribute(attrName);
    return a && a->kind == Attribute::Kind::Float ? a->f : fallback;
}

const Tensor* Model::constant(const std::string& name) const
{
    auto it = constants.find(name);
    return it == constants.end() ? nullptr : it->second.get();
}

const std::string* Model::metadataValue(std::string_view key) const
{
    for (const auto& [k, v] : metadata)
        if (k == key)
            return &v;
    return nullptr;
}

} // namespace bitlens
