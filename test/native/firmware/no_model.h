/* Stand-in for a generated model header: the firmware without any model (code-size baseline). */
#include <stdint.h>
#define MODEL_INPUT_SIZE 1
#define MODEL_OUTPUT_SIZE 1
#define MODEL_INVOKE(in, out) ((out)[0] = (in)[0])
