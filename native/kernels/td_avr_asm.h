/* AVR inline assembly of the kernels' hot spots (hardware MUL/MULS/MULSU, weights read from flash by LPM):
   SaturatingRoundingDoublingHighMul without libgcc's 64-bit arithmetic, and the int8 dot product. AVR only; byte-exact with the
   generic C (test/native/avr-fast-path.test.ts runs them on the simulated ATmega328P). */
#ifndef TD_AVR_ASM_H
#define TD_AVR_ASM_H

#include <stdint.h>

/* The fast path is on for every AVR build; -DTD_PORTABLE_C keeps the generic C there (bench/avr-cycles.ts' anchor). */
#if defined(__AVR__) && !defined(TD_PORTABLE_C)
#define TD_AVR_FAST 1
#endif

#if defined(TD_AVR_FAST)
/* An asm helper that needs many registers stays out of line: its registers then never depend on a busy caller's
   (inlined, it can fail to allocate); `unused`, as a static function in a header. */
#define TD_ASM_HELPER static __attribute__((noinline, unused))

/* One column of the schoolbook product: add the 16-bit MUL of two bytes into the 24-bit column sum c0:c1:c2. */
#define TD_MAC_(x, y) "mul " x ", " y "\n\tadd %[c0], r0\n\tadc %[c1], r1\n\tadc %[c2], %[z]\n\t"
/* Next column: the sum's low byte is done, the rest carries into the next column. */
#define TD_NEXT_COL_ "mov %[c0], %[c1]\n\tmov %[c1], %[c2]\n\tclr %[c2]\n\t"
/* Adds the nudge's byte into the column sum (the nudge enters the product below its bit 31). */
#define TD_NUDGE_(n) "add %[c0], " n "\n\tadc %[c1], %[z]\n\tadc %[c2], %[z]\n\t"

/* Negates the 32-bit operand x in any registers (two's complement: complement, then add one through %[z]). */
#define TD_NEG32_(x) "com %A[" x "]\n\tcom %B[" x "]\n\tcom %C[" x "]\n\tcom %D[" x "]\n\tsec\n\t" \
  "adc %A[" x "], %[z]\n\tadc %B[" x "], %[z]\n\tadc %C[" x "], %[z]\n\tadc %D[" x "], %[z]\n\t"

/*
 * SaturatingRoundingDoublingHighMul of a and b (not both INT32_MIN): the magnitudes' 64-bit product from sixteen
 * 8x8 MULs summed column by column (libgcc's __muldi3 takes thousands of cycles), plus the reference's nudge
 * (2^30, or 2^30 - 1 when the product is negative), bits 31..62 taken, the sign applied after: the steps of
 * td_srdhm_parts (td_fixedpoint.h), which the host tests check against core/runtime.
 */
TD_ASM_HELPER int32_t td_srdhm_avr(int32_t a, int32_t b) {
  uint32_t ua = (uint32_t)a, ub = (uint32_t)b, r;
  uint8_t c0, c1, c2, b3, z, s, n3;
  __asm__("clr %[z]\n\t"
          /* s = 0xFF when the signs differ (a negative product), else 0 */
          "mov %[s], %D[a]\n\t"
          "eor %[s], %D[b]\n\t"
          "lsl %[s]\n\t"
          "sbc %[s], %[s]\n\t"
          "sbrs %D[a], 7\n\t"
          "rjmp 1f\n\t"
          TD_NEG32_("a")
          "1: sbrs %D[b], 7\n\t"
          "rjmp 2f\n\t"
          TD_NEG32_("b")
          /* the nudge's bytes: s, s, s, then 0x40 + s (0x40 or 0x3F) */
          "2: mov %[n3], %[s]\n\t"
          "subi %[n3], 0xC0\n\t"
          "clr %[c1]\n\t"
          "clr %[c2]\n\t"
          "mov %[c0], %[s]\n\t"
          TD_MAC_("%A[a]", "%A[b]") TD_NEXT_COL_
          TD_NUDGE_("%[s]") TD_MAC_("%A[a]", "%B[b]") TD_MAC_("%B[a]", "%A[b]") TD_NEXT_COL_
          TD_NUDGE_("%[s]") TD_MAC_("%A[a]", "%C[b]") TD_MAC_("%B[a]", "%B[b]") TD_MAC_("%C[a]", "%A[b]") TD_NEXT_COL_
          TD_NUDGE_("%[n3]") TD_MAC_("%A[a]", "%D[b]") TD_MAC_("%B[a]", "%C[b]") TD_MAC_("%C[a]", "%B[b]")
          TD_MAC_("%D[a]", "%A[b]")
          "mov %[b3], %[c0]\n\t" TD_NEXT_COL_
          TD_MAC_("%B[a]", "%D[b]") TD_MAC_("%C[a]", "%C[b]") TD_MAC_("%D[a]", "%B[b]")
          "mov %A[r], %[c0]\n\t" TD_NEXT_COL_
          TD_MAC_("%C[a]", "%D[b]") TD_MAC_("%D[a]", "%C[b]")
          "mov %B[r], %[c0]\n\t" TD_NEXT_COL_
          TD_MAC_("%D[a]", "%D[b]")
          "mov %C[r], %[c0]\n\t"
          "mov %D[r], %[c1]\n\t"
          /* bits 31..62: the high word shifted left once, with bit 7 of byte 3 below it */
          "lsl %[b3]\n\t"
          "rol %A[r]\n\t"
          "rol %B[r]\n\t"
          "rol %C[r]\n\t"
          "rol %D[r]\n\t"
          "sbrs %[s], 7\n\t"
          "rjmp 3f\n\t"
          TD_NEG32_("r")
          "3: clr r1"
          : [r] "=&r"(r), [c0] "=&r"(c0), [c1] "=&r"(c1), [c2] "=&r"(c2), [b3] "=&r"(b3), [z] "=&r"(z), [s] "=&r"(s),
            [n3] "=&d"(n3), [a] "+r"(ua), [b] "+r"(ub));
  return (int32_t)r;
}

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
