/* The decoder of td_requant.h's packed layout. */
#include "td_requant.h"

/* Up to 32 bits starting at bit `pos` of a flash byte stream, least significant bit first (reads 5 bytes). */
static uint32_t td_bits(const uint8_t *stream, uint32_t pos, uint8_t width) {
  const uint8_t *b = stream + (pos >> 3);
  const uint32_t off = pos & 7u;
  const uint32_t lo = (uint32_t)TD_RD_U8(&b[0]) | ((uint32_t)TD_RD_U8(&b[1]) << 8) |
                      ((uint32_t)TD_RD_U8(&b[2]) << 16) | ((uint32_t)TD_RD_U8(&b[3]) << 24);
  /* (x << 1) << (31 - off) is x << (32 - off) without the undefined shift by 32 when off is 0. */
  const uint32_t v = (lo >> off) | (((uint32_t)TD_RD_U8(&b[4]) << 1) << (31u - off));
  return width >= 32 ? v : v & (((uint32_t)1 << width) - 1u);
}

int32_t td_requant_packed(const td_requant *q, td_idx c, int32_t acc) {
  const uint8_t width = (uint8_t)(q->mult_bits + q->shift_bits);
  const uint32_t pos = (uint32_t)c * width;
  int32_t m = q->mult_base;
  int32_t s = q->shift_base;
  if (width <= 32) {
    /* One read holds the whole entry (codegen keeps mult_bits + mult_zeros <= 31 and shift_bits <= 6). */
    const uint32_t e = td_bits(q->bytes, pos, width);
    m += (int32_t)((e & (((uint32_t)1 << q->mult_bits) - 1u)) << q->mult_zeros);
    s += (int32_t)(e >> q->mult_bits);
  } else {
    m += (int32_t)(td_bits(q->bytes, pos, q->mult_bits) << q->mult_zeros);
    s += (int32_t)td_bits(q->bytes, pos + q->mult_bits, q->shift_bits);
  }
  return td_mbqm(acc, m, s);
}
