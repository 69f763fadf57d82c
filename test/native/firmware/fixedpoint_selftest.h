/* The fixed-point self-test as model_main.c's model: 4 seed bytes in, two uint16 mismatch counts out. */
#include <stdint.h>
#define MODEL_INPUT_SIZE 4
#define MODEL_OUTPUT_SIZE 4
#define MODEL_INVOKE selftest_invoke
void selftest_invoke(const int8_t *input, int8_t *output);
