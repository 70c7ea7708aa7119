#include "models/availability/async_rpo.hpp"

#include <cmath>
#include <stdexcept>

namespace halab {

AsyncRpo async_rpo(const AsyncRpoSpec& spec) {
  for (double x : {spec.writes_per_s, spec.lag_s, spec.failovers_per_s})
    if (!(x >= 0) || !std::isfinite(x)) throw std::invalid_argument("write rates, lags and failover rates are finite and not negative");
  AsyncRpo r;
  r.writes_lost_per_failover = spec.writes_per_s * spec.lag_s;
  r.window_s = spec.lag_s;
  r.writes_lost_per_s = r.writes_lost_per_failover * spec.failovers_per_s;
  return r;
}

}  // namespace halab
