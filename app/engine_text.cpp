#include "engine_text.h"

namespace fusebench::app {

namespace {

struct EngineMessages {
  Q_DECLARE_TR_FUNCTIONS(EngineMessages)
};

// The pattern translated, then %9..%1 replaced by the values (highest first, so %1 never eats %10's digit).
QString fill(const std::string& pattern, const std::vector<std::string>& args, const std::string& filled) {
  if (pattern.empty()) return QString::fromStdString(filled);
  QString text = QCoreApplication::translate("EngineMessages", pattern.c_str());
  QString out;
  for (int i = 0; i < text.size(); ++i) {
    const int k = i + 1 < text.size() ? text[i + 1].digitValue() - 1 : -1;
    if (text[i] == QLatin1Char('%') && k >= 0 && k < static_cast<int>(args.size())) {
      out += QString::fromStdString(args[static_cast<std::size_t>(k)]);
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

QString diagnosticText(const Diagnostic& d) {
  const QString node = QString::fromStdString(d.node), port = QString::fromStdString(d.port);
  const bool param = d.code == "bad-param" || d.code == "param-out-of-range" || d.code == "unknown-param";
  QString where;
  if (!node.isEmpty() && !port.isEmpty())
    where = param ? EngineMessages::tr("node '%1', parameter '%2': ").arg(node, port)
                  : EngineMessages::tr("node '%1', port '%2': ").arg(node, port);
  else if (!node.isEmpty())
    where = EngineMessages::tr("node '%1': ").arg(node);
  else if (!port.isEmpty())
    where = param ? EngineMessages::tr("parameter '%1': ").arg(port) : EngineMessages::tr("port '%1': ").arg(port);
  const QString message = fill(d.message_pattern, d.args, d.message);
  const QString expected = fill(d.expected_pattern, d.args, d.expected), found = fill(d.found_pattern, d.args, d.found);
  QString detail;
  if (!expected.isEmpty() && !found.isEmpty()) detail = EngineMessages::tr(" (expected %1, found %2)").arg(expected, found);
  else if (!expected.isEmpty()) detail = EngineMessages::tr(" (expected %1)").arg(expected);
  else if (!found.isEmpty()) detail = EngineMessages::tr(" (found %1)").arg(found);
  return where + message + detail;
}

}  // namespace fusebench::app
