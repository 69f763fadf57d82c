#include <string.h>
#include "src/td_protocol.h"
#include "src/td_ram.h"
#include "src/{{MODEL_HEADER}}"
#include "src/{{DEMO_HEADER}}"
