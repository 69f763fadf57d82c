// Input: a sliding window of accelerometer samples (x, y, z in g) from the {{IMU_PART}} through {{IMU_LIBRARY}},
// quantized with the model's input scale; the newest sample is at the end of the window.
#include <{{IMU_HEADER}}>

static LSM6DS3 td_imu(I2C_MODE, 0x6A);
static int8_t td_window[TD_IN_SIZE];
static bool td_imu_ready;
static uint32_t td_imu_last;

static int8_t td_quantize(float value) {
  float q = value / TD_IN_SCALE + (float)TD_IN_ZERO_POINT;
  if (q < -128.0f) return -128;
  if (q > 127.0f) return 127;
  return (int8_t)(q < 0.0f ? q - 0.5f : q + 0.5f);
}

static void td_source_begin(void) {
  memset(td_window, TD_IN_ZERO_POINT, sizeof td_window);
  td_imu_ready = td_imu.begin() == 0;
}

static void td_source_fill(int8_t *input) {
  // The Seeed library has no "data ready" call: sample at most every 10 ms (100 Hz).
  if (td_imu_ready && millis() - td_imu_last >= 10u) {
    td_imu_last = millis();
    memmove(td_window, td_window + 3, sizeof td_window - 3);
    td_window[TD_IN_SIZE - 3] = td_quantize(td_imu.readFloatAccelX());
    td_window[TD_IN_SIZE - 2] = td_quantize(td_imu.readFloatAccelY());
    td_window[TD_IN_SIZE - 1] = td_quantize(td_imu.readFloatAccelZ());
  }
  memcpy(input, td_window, sizeof td_window);
}
