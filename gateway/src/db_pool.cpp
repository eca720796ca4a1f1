#include "db_pool.h"

#include "log.h"

namespace sluis::gateway {

DbPool::DbPool(std::string url, unsigned threads) : url_(std::move(url)) {
  for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { Worker(); });
}

DbPool::~DbPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void DbPool::Enqueue(std::unique_ptr<Job> job) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

void DbPool::Worker() {
  std::unique_ptr<db::Connection> conn;
  for (;;) {
    std::unique_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping and drained
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    std::exception_ptr error;
    if (!conn || !conn->is_open()) {
      conn.reset();
      try {
        conn = std::make_unique<db::Connection>(url_);
      } catch (...) {
        error = std::current_exception();
      }
    }
    job->Run(error ? nullptr : conn.get(), error);
    // A job that lost its connection leaves it closed; the next job reconnects.
  }
}

}  // namespace sluis::gateway
