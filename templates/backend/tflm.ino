// TFLite Micro backend: the int8 .tflite ({{MODEL_SOURCE}}) run by the {{TFLM_LIBRARY}} library ({{TFLM_VERSION}}).
#include <{{TFLM_HEADER}}>
#include "tensorflow/lite/micro/micro_interpreter.h"
#include "tensorflow/lite/micro/micro_mutable_op_resolver.h"
#include "tensorflow/lite/schema/schema_generated.h"

#define TD_IN_SIZE {{IN_SIZE}}
#define TD_OUT_SIZE {{OUT_SIZE}}
#define TD_IN_SCALE {{IN_SCALE}}
#define TD_IN_ZERO_POINT ({{IN_ZERO_POINT}})
#define TD_OUT_SCALE {{OUT_SCALE}}
#define TD_OUT_ZERO_POINT ({{OUT_ZERO_POINT}})
// The arena: {{ARENA_BASIS}}.
#define TD_ACT_BYTES {{ARENA_BYTES}}

alignas(16) static uint8_t td_arena[TD_ACT_BYTES];
// Exactly the model's {{OP_COUNT}} op types, so only their kernels are linked.
static tflite::MicroMutableOpResolver<{{OP_COUNT}}> td_resolver;
static tflite::MicroInterpreter *td_interpreter;
static int8_t *td_input;
static const int8_t *td_output;

static void td_model_begin(void) {
{{OP_REGISTRATIONS}}
  static tflite::MicroInterpreter interpreter(tflite::GetModel({{PREFIX}}_tflite), td_resolver, td_arena, TD_ACT_BYTES);
  td_interpreter = &interpreter;
  if (interpreter.AllocateTensors() != kTfLiteOk) {
    // Not a protocol line: the app shows it in its raw console, the Serial Monitor shows it as is.
    while (true) {
      Serial.println(F("TinyDeploy: AllocateTensors failed: the arena of " "{{ARENA_BYTES}}" " bytes is too small; render the sketch again with a larger measurement."));
      delay(2000);
    }
  }
  td_input = interpreter.input(0)->data.int8;
  td_output = interpreter.output(0)->data.int8;
}

static void td_model_run(void) {
  td_interpreter->Invoke();
}
