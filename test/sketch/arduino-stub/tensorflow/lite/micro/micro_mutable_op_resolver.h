/* Compile-only stand-in for TFLM's MicroMutableOpResolver: the Add methods of the ops TinyDeploy's IR knows,
 * spelled as in tflite-micro (a misspelt registration in a template fails to compile against this). */
#ifndef TD_STUB_TFLM_RESOLVER_H
#define TD_STUB_TFLM_RESOLVER_H
#include <stddef.h>
typedef enum { kTfLiteOk = 0, kTfLiteError = 1 } TfLiteStatus;
namespace tflite {
class MicroOpResolver {};
template <unsigned int tOpCount>
class MicroMutableOpResolver : public MicroOpResolver {
 public:
  TfLiteStatus AddFullyConnected();
  TfLiteStatus AddConv2D();
  TfLiteStatus AddDepthwiseConv2D();
  TfLiteStatus AddAveragePool2D();
  TfLiteStatus AddMaxPool2D();
  TfLiteStatus AddMean();
  TfLiteStatus AddAdd();
  TfLiteStatus AddMul();
  TfLiteStatus AddSoftmax();
  TfLiteStatus AddLogistic();
  TfLiteStatus AddTanh();
  TfLiteStatus AddRelu();
  TfLiteStatus AddRelu6();
  TfLiteStatus AddQuantize();
  TfLiteStatus AddDequantize();
  TfLiteStatus AddPad();
  TfLiteStatus AddConcatenation();
  TfLiteStatus AddReshape();
};
}
#endif
