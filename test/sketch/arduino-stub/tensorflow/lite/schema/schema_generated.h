/* Compile-only stand-in for TFLM's schema_generated.h: the Model type and GetModel. */
#ifndef TD_STUB_TFLM_SCHEMA_H
#define TD_STUB_TFLM_SCHEMA_H
namespace tflite {
struct Model;
const Model *GetModel(const void *buffer);
}
#endif
