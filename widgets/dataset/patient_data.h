#pragma once
// Whether identifying attributes of medical images (the patient's name, ID, birth date, address, the
// institution, …) may be shown. Off at every start and never saved: a user who needs them switches them on
// (Dataset › Show Patient Data) and they stay on only until the app is closed, so a screenshot, a screen
// share or a colleague at the desk sees no patient unless someone decided so in this session.
#include <QObject>

namespace fusebench::widgets {

class PatientDataSwitch : public QObject {
  Q_OBJECT
 public:
  static PatientDataSwitch& instance();
  bool shown() const { return shown_; }
  void setShown(bool shown);

 Q_SIGNALS:
  void changed(bool shown);

 private:
  PatientDataSwitch() = default;
  bool shown_ = false;
};

}  // namespace fusebench::widgets
