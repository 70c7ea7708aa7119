// The data an asynchronous replica lacks when it is promoted: the writes the primary
// acknowledged that had not reached it yet.
//
// Source: Little's law (J. D. C. Little, "A proof for the queuing formula L = λW",
// Operations Research 9(3), 1961) applied to the replication stream: the writes in flight
// between commit on the primary and arrival at the replica number, on average, the write
// rate times the mean time a write takes to arrive — whatever the distributions. MySQL's
// asynchronous replication and Redis's replication both acknowledge a write before any
// replica has it (MySQL 8.0 manual §17.4.10 "Semisynchronous Replication", Redis
// "Replication" docs, "Redis replication is asynchronous"), so a promotion after the
// primary dies loses exactly those writes. A write is at risk for the lag after its
// commit, so the lost writes span at most the lag (the RPO window).
#pragma once

namespace halab {

struct AsyncRpoSpec {
  double writes_per_s = 0;     // acknowledged writes on the primary
  double lag_s = 0;            // mean time from a write's commit to the replica having it
  double failovers_per_s = 0;  // promotions after the primary's failure
};

struct AsyncRpo {
  double writes_lost_per_failover = 0;
  double window_s = 0;  // the span of time the lost writes come from, at most
  double writes_lost_per_s = 0;
};

// Throws std::invalid_argument on a negative or infinite rate or lag.
AsyncRpo async_rpo(const AsyncRpoSpec& spec);

}  // namespace halab
