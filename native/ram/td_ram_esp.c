/* RAM statistics on ESP32 (arduino-esp32): free 8-bit-capable heap from ESP-IDF's heap caps, and the loop task's
 * stack high-water mark from FreeRTOS (in bytes there: ESP-IDF's StackType_t is one byte). */
#if defined(ESP_PLATFORM)
#include "esp_heap_caps.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "sdkconfig.h"
#include "td_ram.h"

#ifndef CONFIG_ARDUINO_LOOP_STACK_SIZE
#define CONFIG_ARDUINO_LOOP_STACK_SIZE 8192
#endif

void td_ram_begin(void) {}

void td_ram_read(td_ram_stats *stats, uint32_t act_bytes, uint32_t total_bytes) {
  uint32_t unused = (uint32_t)uxTaskGetStackHighWaterMark(NULL);
  stats->free_bytes = (uint32_t)heap_caps_get_free_size(MALLOC_CAP_8BIT);
  stats->stack_used = CONFIG_ARDUINO_LOOP_STACK_SIZE > unused ? CONFIG_ARDUINO_LOOP_STACK_SIZE - unused : 0u;
  stats->act_bytes = act_bytes;
  stats->total = total_bytes;
}
#endif
