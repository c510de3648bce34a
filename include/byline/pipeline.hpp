// byline — components and the pipeline that composes them.
//
// A component is a const function object over a document under construction:
//
//   struct shout_detector {
//     static constexpr byline::layers needs = byline::layers::tokens;
//     static constexpr byline::layers provides = byline::layers::user(0);
//     template <class Doc> void operator()(Doc& doc, byline::workspace& ws) const;
//   };
//
// pipeline{a, b, c} runs them in order; composing one whose needs are not provided by those before
// it fails to compile with a message naming the component. A const pipeline is safe to call from
// many threads at once: components are const, and each call's scratch space is a workspace, either
// the caller's or one per thread.
#pragma once

#include <byline/document/document.hpp>

#include <algorithm>
#include <concepts>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <ranges>
#include <string>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace byline {

// Scratch space for one call at a time: components keep their buffers here so that a steady stream of
// documents allocates nothing after the first few. Not thread-safe; one per thread.
class workspace {
  struct slot {
    const void* key;
    std::shared_ptr<void> value;
  };
  std::vector<slot> slots_;
  template <class T>
  static inline const char key_ = 0;

 public:
  // The workspace's T, default-constructed on first use.
  template <class T>
  T& get() {
    for (auto& s : slots_)
      if (s.key == &key_<T>) return *static_cast<T*>(s.value.get());
    slots_.push_back({&key_<T>, std::make_shared<T>()});
    return *static_cast<T*>(slots_.back().value.get());
  }
};

// The document type made from a text of type R: borrowed for contiguous text that outlives the call
// (lvalue strings, string views, character arrays), owned otherwise.
namespace detail {

template <class R>
constexpr auto document_text(R&& r) {
  using T = std::remove_cvref_t<R>;
  if constexpr (std::is_array_v<T> || std::is_pointer_v<T>) {
    return unicode::detail::as_text_view(r);
  } else if constexpr (std::ranges::contiguous_range<R> && std::ranges::borrowed_range<R>) {
    using C = std::remove_cv_t<std::ranges::range_value_t<R>>;
    return std::basic_string_view<C>(std::ranges::data(r), std::ranges::size(r));
  } else if constexpr (std::is_same_v<T, std::basic_string<std::ranges::range_value_t<T>>> &&
                       std::is_rvalue_reference_v<R&&>) {
    return T(std::move(r));  // moved in
  } else {
    // Copied once: non-contiguous ranges, single-pass ranges, temporaries of other types.
    using C = std::remove_cv_t<std::ranges::range_value_t<R>>;
    std::basic_string<C> s;
    if constexpr (std::ranges::sized_range<R>) s.reserve(std::ranges::size(r));
    for (auto&& u : r) s.push_back(static_cast<C>(u));
    return s;
  }
}

}  // namespace detail

template <class R>
using document_for = basic_document<decltype(detail::document_text(std::declval<R>()))>;

// A component: const-callable on a document under construction with a workspace, saying what it
// needs and provides.
template <class C>
concept component = requires {
  { C::needs } -> std::convertible_to<layers>;
  { C::provides } -> std::convertible_to<layers>;
} && std::invocable<const C&, document&, workspace&>;

namespace detail {

// Whether every component's needs are provided by those before it; the index of the first that fails.
template <class... Cs>
constexpr std::size_t first_unmet_need() {
  layers have = layers::none;
  std::size_t i = 0, bad = sizeof...(Cs);
  ((bad == sizeof...(Cs) && !have.contains(Cs::needs) ? (bad = i) : 0, have = have | Cs::provides, ++i), ...);
  (void)have;  // unused when the pipeline is empty
  (void)i;
  return bad;
}

template <std::size_t I, class... Cs>
struct unmet_component {
  static_assert(I == sizeof...(Cs),
                "byline::pipeline: the component at this index needs a layer that no component before it "
                "provides; put a component that provides it (e.g. byline::tokenizer for layers::tokens) first");
};

}  // namespace detail

template <class... Cs>
class pipe_view;

template <component... Cs>
class pipeline {
  std::tuple<Cs...> components_;
  [[no_unique_address]] detail::unmet_component<detail::first_unmet_need<Cs...>(), Cs...> check_{};

 public:
  // What the whole chain provides.
  static constexpr layers provides = (layers::none | ... | Cs::provides);

  pipeline() = default;
  constexpr explicit pipeline(Cs... cs)
    requires(sizeof...(Cs) > 0)
      : components_(std::move(cs)...) {}

  template <class C>
  const C& get() const {
    return std::get<C>(components_);
  }

  // Analyses one text with the caller's workspace.
  template <class R>
  document_for<R> operator()(R&& text, workspace& ws) const {
    document_for<R> doc(detail::document_text(std::forward<R>(text)));
    run(doc, ws);
    return doc;
  }

  // Analyses one text with this thread's workspace.
  template <class R>
  document_for<R> operator()(R&& text) const {
    return (*this)(std::forward<R>(text), thread_workspace());
  }

  // Runs the components over a document made elsewhere (e.g. to add layers to it).
  template <class Doc>
  void run(Doc& doc, workspace& ws) const {
    std::apply([&](const auto&... c) { (apply_one(c, doc, ws), ...); }, components_);
  }

  // Analyses many texts on all cores; yields the documents in input order, lazily, keeping only a
  // few in flight. The range of texts is read on the calling thread.
  template <std::ranges::input_range R>
  auto pipe(R&& texts, unsigned threads = 0) const {
    return pipe_view<pipeline, std::views::all_t<R>>(*this, std::views::all(std::forward<R>(texts)), threads);
  }

  static workspace& thread_workspace() {
    thread_local workspace ws;
    return ws;
  }

 private:
  template <class C, class Doc>
  static void apply_one(const C& c, Doc& doc, workspace& ws) {
    c(doc, ws);
    doc.annotations().present = doc.annotations().present | C::provides;
  }
};

template <component... Cs>
pipeline(Cs...) -> pipeline<Cs...>;

// ----------------------------------------------------------------------------------------------
// pipe(): a small pool of threads and an ordered window of results.

namespace detail {

class thread_pool {
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool stop_ = false;
  std::vector<std::thread> threads_;

 public:
  explicit thread_pool(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      threads_.emplace_back([this] {
        for (;;) {
          std::function<void()> task;
          {
            std::unique_lock lock(m_);
            cv_.wait(lock, [&] { return stop_ || !tasks_.empty(); });
            if (tasks_.empty()) return;
            task = std::move(tasks_.front());
            tasks_.pop_front();
          }
          task();
        }
      });
  }
  ~thread_pool() {
    {
      std::lock_guard lock(m_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
  }
  thread_pool(const thread_pool&) = delete;
  thread_pool& operator=(const thread_pool&) = delete;
  void submit(std::function<void()> f) {
    {
      std::lock_guard lock(m_);
      tasks_.push_back(std::move(f));
    }
    cv_.notify_one();
  }
  std::size_t size() const noexcept { return threads_.size(); }
};

}  // namespace detail

// The input range of documents that pipeline::pipe returns. Single-pass; move-only.
template <class Pipeline, class V>
class pipe_view<Pipeline, V> {
  using text_ref = std::ranges::range_reference_t<V>;
  // Texts that a forward range holds stay put and are borrowed; anything else (temporaries, the value
  // a single-pass range overwrites as it advances) is moved or copied into the task.
  using stored = std::conditional_t<std::is_lvalue_reference_v<text_ref> && std::ranges::forward_range<V>, text_ref,
                                    std::remove_cvref_t<text_ref>>;
  using doc_type = document_for<stored>;

  // A text as a task keeps it: a pointer to a borrowed one, the value itself otherwise.
  using held = std::conditional_t<std::is_reference_v<stored>, std::remove_reference_t<stored>*, stored>;

  struct state {
    // Texts go to the pool in batches: one task per news article would spend as long handing it
    // over (a task, a future, a wake-up) as analysing it.
    static constexpr std::size_t batch = 8;

    const Pipeline* nlp;
    V texts;
    std::ranges::iterator_t<V> next;
    std::size_t depth;
    std::deque<std::future<std::vector<doc_type>>> window;
    std::vector<doc_type> chunk;  // the batch being yielded
    std::size_t at = 0;           // its document the iterator is at
    std::unique_ptr<detail::thread_pool> pool;  // last: its threads stop before the rest goes

    state(const Pipeline* p, V t, unsigned threads)
        : nlp(p), texts(std::move(t)), next(std::ranges::begin(texts)), depth(2 * std::size_t{threads}),
          pool(std::make_unique<detail::thread_pool>(threads)) {}

    void fill() {
      while (window.size() < depth && next != std::ranges::end(texts)) {
        std::vector<held> batch_texts;
        batch_texts.reserve(batch);
        for (; batch_texts.size() < batch && next != std::ranges::end(texts); ++next) {
          if constexpr (std::is_reference_v<stored>)
            batch_texts.push_back(std::addressof(*next));
          else
            batch_texts.push_back(held(*next));
        }
        auto task = std::make_shared<std::packaged_task<std::vector<doc_type>()>>(
            [nlp = nlp, ts = std::move(batch_texts)]() mutable {
              std::vector<doc_type> docs;
              docs.reserve(ts.size());
              for (auto& t : ts) {
                if constexpr (std::is_reference_v<stored>)
                  docs.push_back((*nlp)(*t));
                else
                  docs.push_back((*nlp)(std::move(t)));
              }
              return docs;
            });
        window.push_back(task->get_future());
        pool->submit([task] { (*task)(); });
      }
    }
    bool has_current() const { return at < chunk.size(); }
    bool advance() {
      if (at + 1 < chunk.size()) {
        ++at;
        return true;
      }
      fill();
      chunk.clear();
      at = 0;
      while (chunk.empty() && !window.empty()) {
        chunk = window.front().get();
        window.pop_front();
        fill();
      }
      return has_current();
    }
  };
  std::unique_ptr<state> s_;

 public:
  class iterator {
    state* s_ = nullptr;

   public:
    using value_type = doc_type;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    explicit iterator(state* s) : s_(s) {}
    doc_type& operator*() const { return s_->chunk[s_->at]; }
    iterator& operator++() {
      s_->advance();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) { return !it.s_->has_current(); }
  };

  pipe_view(const Pipeline& nlp, V texts, unsigned threads) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    s_ = std::make_unique<state>(&nlp, std::move(texts), threads);
  }
  pipe_view(pipe_view&&) noexcept = default;
  pipe_view& operator=(pipe_view&&) noexcept = default;
  ~pipe_view() {
    // Finish what is in flight before the pool and the texts it reads go away.
    if (s_)
      for (auto& f : s_->window) f.wait();
  }

  iterator begin() {
    if (!s_->has_current()) {
      s_->at = s_->chunk.size();  // nothing yielded yet: take the first batch
      s_->advance();
    }
    return iterator(s_.get());
  }
  std::default_sentinel_t end() const { return {}; }
};

}  // namespace byline
