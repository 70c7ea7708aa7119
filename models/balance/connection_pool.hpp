// A client's pool of connections to the servers of one upstream, as RPC and HTTP clients
// keep it (Apache HttpClient's PoolingHttpClientConnectionManager: `maxTotal` connections
// leased at once, `connectionRequestTimeout` to wait for one, connections kept open for
// reuse; HikariCP's `maximumPoolSize` and `connectionTimeout` behave alike):
// - a call leases a connection for its whole life (its retries reuse it) and gives it back
//   when it ends; with all `size` leased, calls wait in order of arrival, and one that has
//   waited `acquire_timeout` gives up;
// - a connection to a server stays open until a timeout on it makes the client close it;
//   the next call to that server opens one again (a TCP handshake first).
#pragma once

#include "models/time.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <utility>
#include <vector>

namespace halab {

class ConnectionPool {
 public:
  ConnectionPool(int size, Duration acquire_timeout, std::size_t servers)
      : size_(size), acquire_timeout_(acquire_timeout), open_(servers, 1) {}

  // Call `call` asks for a connection at `now`: true when it has one, else it waits.
  bool acquire(Instant now, std::uint64_t call);
  // A call with a connection ended: the connection goes to the longest-waiting call, if
  // any (returned), else back to the pool.
  std::optional<std::uint64_t> release();
  // The longest-waiting call if its wait has run out by `now` (it stops waiting).
  std::optional<std::uint64_t> give_up(Instant now);
  Instant next_give_up() const { return waiting_.empty() ? Instant::never() : waiting_.front().first; }
  int leased() const { return leased_; }

  // The connection to `server`: whether one is open, and its closing and reopening.
  bool open(std::size_t server) const { return open_[server] != 0; }
  void close(std::size_t server) { open_[server] = 0; }
  void opened(std::size_t server) { open_[server] = 1; }

  // Forgets every lease and waiting call (the client's process hung).
  void clear();

 private:
  int size_;
  Duration acquire_timeout_;
  int leased_ = 0;
  std::deque<std::pair<Instant, std::uint64_t>> waiting_;  // (gives up at, call), in arrival order
  std::vector<char> open_;                                 // per server
};

}  // namespace halab
