// Runs blocking database work (sluis::db, libpqxx) on a small pool of threads, each with its own
// connection (docs/conventions §6), and resumes the calling coroutine on its own executor with
// the result. Nothing blocks an io_context thread.
#pragma once

#include <utility>  // before Asio 1.18 headers (std::exchange in awaitable.hpp)

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "sluis/db/connection.h"

namespace sluis::gateway {

class DbPool {
 public:
  // Threads connect lazily; a broken connection is dropped and reopened by the next job.
  DbPool(std::string url, unsigned threads);
  ~DbPool();  // finishes queued jobs, then joins
  DbPool(const DbPool&) = delete;
  DbPool& operator=(const DbPool&) = delete;

  // co_await pool.Run([](db::Connection& c) { return ...; });
  // Exceptions thrown by f (db::DbError) are rethrown in the coroutine.
  template <class F, class R = std::invoke_result_t<F&, db::Connection&>>
  boost::asio::awaitable<R> Run(F f);

  // Blocking variant for start-up and CLI code; never call it on an io_context thread.
  template <class F, class R = std::invoke_result_t<F&, db::Connection&>>
  R RunSync(F f);

  const std::string& url() const { return url_; }

 private:
  struct Job {
    virtual ~Job() = default;
    // conn is null when no connection could be opened; error says why.
    virtual void Run(db::Connection* conn, std::exception_ptr error) = 0;
  };
  template <class Fn>
  struct JobImpl final : Job {
    explicit JobImpl(Fn f) : fn(std::move(f)) {}
    void Run(db::Connection* c, std::exception_ptr e) override { fn(c, e); }
    Fn fn;
  };
  template <class Fn>
  void Post(Fn fn) {
    Enqueue(std::make_unique<JobImpl<Fn>>(std::move(fn)));
  }
  void Enqueue(std::unique_ptr<Job> job);
  void Worker();

  std::string url_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::unique_ptr<Job>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

template <class F, class R>
boost::asio::awaitable<R> DbPool::Run(F f) {
  namespace net = boost::asio;
  using Box = std::optional<std::conditional_t<std::is_void_v<R>, bool, R>>;
  // The completion goes back to the handler's own executor (the connection's strand). Do not
  // use `co_await this_coro::executor` for this: with GCC 12 and Asio 1.18 its result is
  // released twice (heap-use-after-free under ASan; docs/architecture.md). The initiation is a
  // named local: GCC 12 relocates a closure temporary that lives across a co_await bitwise,
  // which breaks captured std::strings (ASan: free of a non-heap address).
  auto initiation = [this, f = std::move(f)](auto handler) mutable {
    auto ex = net::get_associated_executor(handler);
    Post([ex, f = std::move(f), h = std::move(handler)](db::Connection* c,
                                                        std::exception_ptr err) mutable {
      Box out;
      if (!err) {
        try {
          if constexpr (std::is_void_v<R>) {
            f(*c);
            out = true;
          } else {
            out = f(*c);
          }
        } catch (...) {
          err = std::current_exception();
        }
      }
      net::post(
          ex, [h = std::move(h), err, out = std::move(out)]() mutable { h(err, std::move(out)); });
    });
  };
  Box result =
      co_await net::async_initiate<const net::use_awaitable_t<>&, void(std::exception_ptr, Box)>(
          std::move(initiation), net::use_awaitable);
  if constexpr (!std::is_void_v<R>) co_return std::move(*result);
}

template <class F, class R>
R DbPool::RunSync(F f) {
  std::mutex m;
  std::condition_variable cv;
  bool done = false;
  std::exception_ptr error;
  std::optional<std::conditional_t<std::is_void_v<R>, bool, R>> out;
  Post([&](db::Connection* c, std::exception_ptr err) {
    if (!err) {
      try {
        if constexpr (std::is_void_v<R>) {
          f(*c);
        } else {
          out = f(*c);
        }
      } catch (...) {
        err = std::current_exception();
      }
    }
    std::lock_guard<std::mutex> lock(m);
    error = err;
    done = true;
    cv.notify_one();
  });
  std::unique_lock<std::mutex> lock(m);
  cv.wait(lock, [&] { return done; });
  if (error) std::rethrow_exception(error);
  if constexpr (!std::is_void_v<R>) return std::move(*out);
}

}  // namespace sluis::gateway
