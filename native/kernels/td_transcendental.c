/* gemmlowp's fixed-point exp and reciprocal, written out for C99 with explicit wrapping arithmetic. */
#include "td_transcendental.h"

/* exp(a) on [-1/4, 0), Q0.31: a Taylor polynomial around -1/8. */
static int32_t td_exp_interval(int32_t a) {
  const int32_t c = 1895147668L;
  const int32_t x = td_add_wrap(a, (int32_t)1 << 28);
  const int32_t x2 = td_srdhm(x, x);
  const int32_t x3 = td_srdhm(x2, x);
  const int32_t x4 = td_srdhm(x2, x2);
  const int32_t x4_over_4 = td_rdbpot(x4, 2);
  const int32_t poly = td_rdbpot(td_add_wrap(td_srdhm(td_add_wrap(x4_over_4, x3), 715827883L), x2), 1);
  return td_add_wrap(c, td_srdhm(c, td_add_wrap(x, poly)));
}

int32_t td_exp_on_negative_values(int32_t a, int32_t int_bits) {
  static const int32_t k_mult[7] TD_FLASH = {1672461947L, 1302514674L, 790015084L, 290630308L, 39332535L, 720401L, 242L};
  const int32_t frac_bits = 31 - int_bits;
  const int32_t quarter = (int32_t)1 << (frac_bits - 2);
  const int32_t mod_minus_quarter = td_sub_wrap(a & (quarter - 1), quarter);
  const int32_t remainder = td_sub_wrap(mod_minus_quarter, a);
  int32_t result = td_exp_interval(td_sat_shl(mod_minus_quarter, int_bits));
  int32_t e;
  for (e = -2; e <= 4; ++e) {
    if (int_bits > e) {
      const int32_t bit = (int32_t)((uint32_t)1 << (frac_bits + e));
      if (remainder & bit) result = td_srdhm(result, TD_RD_I32(&k_mult[e + 2]));
    }
  }
  if (int_bits > 5) {
    const int32_t clamp = -((int32_t)1 << (36 - int_bits));
    if (a < clamp) result = 0;
  }
  return a == 0 ? TD_INT32_MAX : result;
}

/* Newton-Raphson for 1/(1+a) in Q2.29, as gemmlowp: three iterations from 48/17 - 32/17 x. */
static int32_t td_reciprocal_q2(int32_t a, int32_t *half_denominator) {
  const int64_t sum = (int64_t)a + (int64_t)TD_INT32_MAX;
  const int32_t hd = (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);
  int32_t x = td_add_wrap(1515870810L, td_srdhm(hd, -1010580540L));
  int i;
  for (i = 0; i < 3; ++i) {
    const int32_t one_minus = td_sub_wrap((int32_t)1 << 29, td_srdhm(hd, x));
    x = td_add_wrap(x, td_sat_shl(td_srdhm(x, one_minus), 2));
  }
  *half_denominator = hd;
  return x;
}

int32_t td_one_over_one_plus_x(int32_t a) {
  int32_t hd;
  const int32_t x = td_reciprocal_q2(a, &hd);
  return td_sat_shl(x, 1);
}

int32_t td_one_minus_x_over_one_plus_x(int32_t a) {
  int32_t hd;
  const int32_t x = td_reciprocal_q2(a, &hd);
  return td_sat_shl(td_sub_wrap(x, (int32_t)1 << 29), 2);
}

int32_t td_logistic_q4(int32_t a) {
  const int32_t abs_a = a > 0 ? a : td_sub_wrap(0, a);
  const int32_t pos = td_one_over_one_plus_x(td_exp_on_negative_values(td_sub_wrap(0, abs_a), 4));
  if (a == 0) return (int32_t)1 << 30;
  return a > 0 ? pos : td_sub_wrap(TD_INT32_MAX, pos);
}

int32_t td_tanh_q4(int32_t a) {
  const int32_t n = a < 0 ? a : td_sub_wrap(0, a);
  /* n + n read as Q5.26 is n itself: gemmlowp's ExactMulByPot<1> keeps the raw value. */
  const int32_t t = td_one_minus_x_over_one_plus_x(td_exp_on_negative_values(n, 5));
  if (a == 0) return 0;
  return a < 0 ? td_sub_wrap(0, t) : t;
}
