#include <string.h>
#include "td_protocol.h"
#include "td_ram.h"
#include "{{MODEL_HEADER}}"
#include "{{DEMO_HEADER}}"
