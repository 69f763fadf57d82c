/* Compile-only stand-in for arduino-esp32 3.x's ESP_I2S.h (the calls the ESP I2S microphone template makes). */
#ifndef TD_STUB_ESP_I2S_H
#define TD_STUB_ESP_I2S_H
#include <stddef.h>
#include <stdint.h>
typedef enum { I2S_MODE_STD, I2S_MODE_PDM_TX, I2S_MODE_PDM_RX } i2s_mode_t;
typedef enum { I2S_DATA_BIT_WIDTH_8BIT = 8, I2S_DATA_BIT_WIDTH_16BIT = 16 } i2s_data_bit_width_t;
typedef enum { I2S_SLOT_MODE_MONO = 1, I2S_SLOT_MODE_STEREO = 2 } i2s_slot_mode_t;
class I2SClass {
 public:
  void setPinsPdmRx(int8_t clk, int8_t din);
  bool begin(i2s_mode_t mode, uint32_t rate, i2s_data_bit_width_t bits, i2s_slot_mode_t ch);
  int available(void);
  size_t readBytes(char *buffer, size_t size);
};
#endif
