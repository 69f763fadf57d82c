/* AVR inner loops of the int8 dot product (hardware MULS/MULSU, weights read from flash by LPM); AVR only. */
#ifndef TD_DOT_AVR_H
#define TD_DOT_AVR_H

#include "td_fixedpoint.h"

#if defined(__AVR__)
/* Adds the signed 16-bit product in r1:r0 into the 32-bit %[acc], sign-extending through %[sg]. */
#define TD_ADD_PRODUCT_ \
  "mov %[sg], r1\n\tlsl %[sg]\n\tsbc %[sg], %[sg]\n\t" \
  "add %A[acc], r0\n\tadc %B[acc], r1\n\tadc %C[acc], %[sg]\n\tadc %D[acc], %[sg]\n\t"

/* Both loops end when X reaches the input's end: no 16-bit counter register (few are free around Z and X). */

/* Sum of w[i] * (x[i] + 128) over n > 0 elements, w in flash: x + 128 is x's byte with its top bit flipped, an
   unsigned byte, so one MULSU gives the product exactly (the input offset of every zero point -128 tensor). */
static inline int32_t td_dot_avr_offset128(const int8_t *w, const int8_t *x, uint16_t n) {
  const int8_t *end = x + n;
  int32_t acc = 0;
  uint8_t wv, xv, sign;
  __asm__ volatile(
      "1: lpm %[wv], Z+\n\t"
      "ld %[xv], X+\n\t"
      "subi %[xv], 0x80\n\t"
      "mulsu %[wv], %[xv]\n\t"
      TD_ADD_PRODUCT_
      "cp r26, %A[end]\n\t"
      "cpc r27, %B[end]\n\t"
      "brne 1b\n\t"
      "clr r1"
      : [acc] "+r"(acc), [wv] "=&a"(wv), [xv] "=&a"(xv), [sg] "=&r"(sign), "+z"(w), "+x"(x)
      : [end] "r"(end)
      : "memory");
  return acc;
}

/* Sum of w[i] * x[i] over n > 0 elements (one MULS each), and the sum of the weights in *wsum. */
static inline int32_t td_dot_avr(const int8_t *w, const int8_t *x, uint16_t n, int32_t *wsum) {
  const int8_t *end = x + n;
  int32_t acc = 0;
  int32_t ws = 0;
  uint8_t wv, xv, sign;
  __asm__ volatile(
      "1: lpm %[wv], Z+\n\t"
      "ld %[xv], X+\n\t"
      "muls %[wv], %[xv]\n\t"
      TD_ADD_PRODUCT_
      "mov %[sg], %[wv]\n\tlsl %[sg]\n\tsbc %[sg], %[sg]\n\t"
      "add %A[ws], %[wv]\n\tadc %B[ws], %[sg]\n\tadc %C[ws], %[sg]\n\tadc %D[ws], %[sg]\n\t"
      "cp r26, %A[end]\n\t"
      "cpc r27, %B[end]\n\t"
      "brne 1b\n\t"
      "clr r1"
      : [acc] "+r"(acc), [ws] "+r"(ws), [wv] "=&d"(wv), [xv] "=&d"(xv), [sg] "=&r"(sign), "+z"(w), "+x"(x)
      : [end] "r"(end)
      : "memory");
  *wsum = ws;
  return acc;
}
#endif

#endif
