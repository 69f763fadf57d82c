/* Compile-only stand-in for the PDM library of the Mbed OS cores. */
#ifndef TD_STUB_PDM_H
#define TD_STUB_PDM_H
class PDMClass {
 public:
  int begin(int channels, int sample_rate);
  void onReceive(void (*callback)(void));
  int available(void);
  int read(void *buffer, size_t size);
};
extern PDMClass PDM;
#endif
