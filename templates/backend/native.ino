// Native C backend: the network compiled to C ({{MODEL_SOURCE}}) with one statically planned activation buffer.
#define TD_IN_SIZE {{PREFIX_UPPER}}_INPUT_SIZE
#define TD_OUT_SIZE {{PREFIX_UPPER}}_OUTPUT_SIZE
#define TD_IN_SCALE {{PREFIX_UPPER}}_INPUT_SCALE
#define TD_IN_ZERO_POINT {{PREFIX_UPPER}}_INPUT_ZERO_POINT
#define TD_OUT_SCALE {{PREFIX_UPPER}}_OUTPUT_SCALE
#define TD_OUT_ZERO_POINT {{PREFIX_UPPER}}_OUTPUT_ZERO_POINT
#define TD_ACT_BYTES {{PREFIX_UPPER}}_ARENA_SIZE

static int8_t td_input_buffer[TD_IN_SIZE];
static int8_t td_output_buffer[TD_OUT_SIZE];
static int8_t *const td_input = td_input_buffer;
static const int8_t *const td_output = td_output_buffer;

static void td_model_begin(void) {
}

static void td_model_run(void) {
  {{PREFIX}}_invoke(td_input_buffer, td_output_buffer);
}
