#include "models/balance/ipvs_scheduler.hpp"

#include <algorithm>
#include <numeric>

namespace halab {
namespace {
constexpr std::size_t kShBits = 8;  // IP_VS_SH_TAB_BITS
constexpr std::size_t kShSize = std::size_t{1} << kShBits;
constexpr std::uint32_t kGoldenRatio32 = 0x61C88647;  // include/linux/hash.h
}  // namespace

IpvsScheduler::IpvsScheduler(IpvsMethod method, std::vector<int> weights)
    : method_(method), weights_(std::move(weights)), listed_(weights_.size(), 1) {
  for (std::size_t i = 0; i < weights_.size(); ++i) list_.insert(list_.begin(), i);
  changed();
}

void IpvsScheduler::remove(std::size_t server) {
  auto it = std::find(list_.begin(), list_.end(), server);
  if (it == list_.end()) return;
  const std::ptrdiff_t at = it - list_.begin();
  list_.erase(it);
  listed_[server] = 0;
  if (mark_ >= at) --mark_;  // ip_vs_rr_del_dest: the mark steps back off a deleted server
  changed();
}

void IpvsScheduler::add(std::size_t server) {
  if (listed(server)) return;
  list_.insert(list_.begin(), server);
  listed_[server] = 1;
  if (mark_ != kHead) ++mark_;
  changed();
}

// ip_vs_wrr_dest_changed and ip_vs_sh_reassign.
void IpvsScheduler::changed() {
  if (method_ == IpvsMethod::wrr) {
    mark_ = kHead;
    int g = 0, mw = 0;
    for (std::size_t s : list_) {
      if (weights_[s] > 0) g = g > 0 ? std::gcd(g, weights_[s]) : weights_[s];
      mw = std::max(mw, weights_[s]);
    }
    di_ = g > 0 ? g : 1;
    mw_ = mw - (di_ - 1);
    if (cw_ > mw_ || cw_ == 0) cw_ = mw_;
    else if (di_ > 1) cw_ = (cw_ / di_) * di_ + 1;
  } else if (method_ == IpvsMethod::sh) {
    buckets_.assign(kShSize, std::nullopt);
    if (list_.empty()) return;
    std::size_t at = 0;
    int count = 0;
    for (std::size_t b = 0; b < kShSize; ++b) {
      buckets_[b] = list_[at];
      if (++count >= weights_[list_[at]]) {
        at = (at + 1) % list_.size();
        count = 0;
      }
    }
  }
}

std::optional<std::size_t> IpvsScheduler::schedule(std::uint32_t client_addr) {
  switch (method_) {
    case IpvsMethod::rr: return rr();
    case IpvsMethod::wrr: return wrr();
    case IpvsMethod::sh: return sh(client_addr);
  }
  return std::nullopt;
}

// ip_vs_rr_schedule: from the server after the mark round the list (the head is no
// server), at most once round.
std::optional<std::size_t> IpvsScheduler::rr() {
  const auto n = static_cast<std::ptrdiff_t>(list_.size());
  for (std::ptrdiff_t step = 1; step <= n; ++step) {
    const std::ptrdiff_t at = (mark_ + step) % n;
    if (weights_[list_[at]] > 0) {
      mark_ = at;
      return list_[at];
    }
  }
  return std::nullopt;
}

// ip_vs_wrr_schedule.
std::optional<std::size_t> IpvsScheduler::wrr() {
  if (mw_ <= 0 || list_.empty()) return std::nullopt;
  const std::ptrdiff_t last = mark_;
  std::ptrdiff_t at = mark_;
  std::optional<std::ptrdiff_t> stop;
  bool last_pass = false, restarted = false;
  for (;;) {
    for (++at; at < static_cast<std::ptrdiff_t>(list_.size()); ++at) {
      if (weights_[list_[at]] >= cw_) {
        mark_ = at;
        return list_[at];
      }
      if (stop && at == *stop) return std::nullopt;
    }
    at = kHead;
    cw_ -= di_;
    if (cw_ <= 0) {
      cw_ = mw_;
      if (last_pass || last == kHead) return std::nullopt;
      restarted = true;
    }
    last_pass = cw_ <= di_;
    if (last_pass && restarted && last != kHead) stop = last;
  }
}

// ip_vs_sh_schedule without sh-fallback; the port is not hashed (no sh-port).
std::optional<std::size_t> IpvsScheduler::sh(std::uint32_t client_addr) const {
  const std::uint32_t bucket = (client_addr * kGoldenRatio32) >> (32 - kShBits);
  const auto& s = buckets_[bucket];
  if (!s || weights_[*s] <= 0) return std::nullopt;
  return s;
}

}  // namespace halab
