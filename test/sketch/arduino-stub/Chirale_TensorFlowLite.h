/* Compile-only stand-in for the Chirale_TensorFLowLite library's umbrella header (it sets the library up). */
#ifndef TD_STUB_CHIRALE_TFLM_H
#define TD_STUB_CHIRALE_TFLM_H
#include "tensorflow/lite/micro/micro_interpreter.h"
#endif
