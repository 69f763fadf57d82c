/* Compile-only stand-in for TFLM's MicroInterpreter (the calls the TFLM template makes). */
#ifndef TD_STUB_TFLM_INTERPRETER_H
#define TD_STUB_TFLM_INTERPRETER_H
#include <stdint.h>
#include <stddef.h>
#include "micro_mutable_op_resolver.h"
#include "../schema/schema_generated.h"
typedef struct {
  float scale;
  int32_t zero_point;
} TfLiteQuantizationParams;
typedef struct {
  union {
    int8_t *int8;
    float *f;
  } data;
  TfLiteQuantizationParams params;
} TfLiteTensor;
namespace tflite {
class MicroInterpreter {
 public:
  MicroInterpreter(const Model *model, const MicroOpResolver &resolver, uint8_t *arena, size_t arena_size);
  TfLiteStatus AllocateTensors();
  TfLiteStatus Invoke();
  TfLiteTensor *input(size_t index);
  TfLiteTensor *output(size_t index);
};
}
#endif
