// Input: test vectors. The host sends them with @in; while streaming, the sketch cycles through
// {{PREFIX_UPPER}}_DEMO_COUNT demo vectors kept in flash ({{DEMO_SOURCE}}).
static uint16_t td_demo_next;

static void td_source_begin(void) {
  td_demo_next = 0;
}

static void td_source_fill(int8_t *input) {
  {{PREFIX}}_demo_load(td_demo_next, input);
  td_demo_next = (uint16_t)((td_demo_next + 1u) % {{PREFIX_UPPER}}_DEMO_COUNT);
}
