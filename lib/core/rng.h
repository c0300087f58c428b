/* Random numbers for every analysis: splitmix64 (seeding, cheap draws) and xoshiro256**
 * (the risk engine's per-sample generators). Both give the same sequence for a seed on
 * every platform, so seeded results are reproducible. Also the 95% normal quantile that
 * every interval uses. Not installed. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* z_{0.975}: the two-sided 95% quantile of the standard normal distribution. */
#define CG_Z95 1.959963984540054

/* splitmix64 (Steele, Lea & Flood 2014): fast, and the same sequence on every platform for
 * a seed. */
static inline guint64
cg__splitmix64(guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* A uniform double in [0, 1) from splitmix64. */
static inline double
cg__unit(guint64 *state)
{
  return (double)(cg__splitmix64(state) >> 11) * (1.0 / 9007199254740992.0);
}

/* xoshiro256** (Blackman & Vigna 2018). */
typedef struct {
  guint64 s[4];
} CgRng;

static inline guint64
cg__rotl(guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
cg__rng_next(CgRng *r)
{
  guint64 *s = r->s;
  guint64 res = cg__rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = cg__rotl(s[3], 45);
  return res;
}

/* Uniform in [0, 1). */
static inline double
cg__rng_double(CgRng *r)
{
  return (double)(cg__rng_next(r) >> 11) * 0x1.0p-53;
}

/* The generator of stream @index of @seed (a sample, a draw): xoshiro256** seeded by
 * splitmix64 from (seed, index), so every stream is independent of the others and of the
 * order in which threads reach it. */
static inline void
cg__rng_for_stream(CgRng *r, guint64 seed, guint64 index)
{
  guint64 x = seed;
  guint64 h = cg__splitmix64(&x);
  x = h ^ (index * 0xd1b54a32d192ed03ull);
  for (int i = 0; i < 4; i++)
    r->s[i] = cg__splitmix64(&x);
}

G_END_DECLS
