// A token bucket as Envoy's local rate limit filter runs it
// (envoy.extensions.filters.http.local_ratelimit.v3, token_bucket: max_tokens,
// tokens_per_fill, fill_interval): the bucket starts full, gains `tokens_per_fill` every
// `fill_interval` up to `max_tokens`, and each request takes one token or is refused (429).
#pragma once

#include "models/time.hpp"

namespace halab {

struct TokenBucketConfig {
  long max_tokens = 1;
  long tokens_per_fill = 1;
  Duration fill_interval = Duration::seconds(1);
};

class TokenBucket {
 public:
  explicit TokenBucket(TokenBucketConfig config, Instant start = Instant())
      : config_(config), tokens_(config.max_tokens), last_fill_(start) {}

  // Takes a token if there is one now.
  bool try_take(Instant now);
  long tokens(Instant now);

 private:
  void refill(Instant now);

  TokenBucketConfig config_;
  long tokens_;
  Instant last_fill_;  // the last fill boundary
};

}  // namespace halab
