#include "dataset/patient_data.h"

namespace fusebench::widgets {

PatientDataSwitch& PatientDataSwitch::instance() {
  static PatientDataSwitch s;
  return s;
}

void PatientDataSwitch::setShown(bool shown) {
  if (shown == shown_) return;
  shown_ = shown;
  Q_EMIT changed(shown);
}

}  // namespace fusebench::widgets
