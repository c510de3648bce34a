// byline — components and the pipeline that composes them.
//
// A component is a const function object over a document under construction. It says which layer
// types it needs and provides:
//
//   struct shout_detector {
//     using needs = byline::layers<byline::token_layer>;
//     using provides = byline::layers<shouts>;             // shouts: a layer type of the user's
//     template <class Doc> void operator()(Doc& doc, byline::workspace& ws) const;
//     // or, as ordinary code that can live in a compiled file, for documents of any encoding:
//     // void operator()(byline::document_base& doc, byline::workspace& ws) const;
//   };
//
// pipeline{a, b, c} runs them in order. Making a document from text with a chain in which a
// component needs a layer that no component before it provides fails to compile, naming the
// component and the layer. pipeline::run(doc) adds layers to a document that has some: it runs only
// the components whose layers are missing, after checking at run time that their needs are there.
// A const pipeline is safe to call from many threads at once: components are const, and each call's
// scratch space is a workspace, either the caller's or one per thread.
#pragma once

#include <byline/document/document.hpp>
#include <byline/document/layer.hpp>

#include <algorithm>
#include <concepts>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <ranges>
#include <stdexcept>
#include <string>
#include <system_error>
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
  template <class Component, class T>
  static inline const char key_ = 0;

 public:
  // The component's T, default-constructed on first use. Slots are keyed by the component's type
  // as well as T's, so two components that both keep a std::vector<std::uint32_t> do not share it:
  //   auto& seen = ws.get<std::vector<std::uint32_t>>(*this);
  template <class T, class Component>
  T& get(const Component&) {
    for (auto& s : slots_)
      if (s.key == &key_<Component, T>) return *static_cast<T*>(s.value.get());
    slots_.push_back({&key_<Component, T>, std::make_shared<T>()});
    return *static_cast<T*>(slots_.back().value.get());
  }
};

// Thrown (in debug builds, or with BYLINE_VALIDATE defined) when a pipeline leaves a document that
// breaks an invariant; what() lists the problems.
class invalid_document : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// ----------------------------------------------------------------------------------------------
// Type lists of layers.

namespace detail {

template <class L, class List>
struct contains_layer;
template <class L, class... Ls>
struct contains_layer<L, layers<Ls...>> : std::bool_constant<(std::is_same_v<L, Ls> || ...)> {};

template <class A, class B>
struct concat_layers;
template <class... A, class... B>
struct concat_layers<layers<A...>, layers<B...>> {
  using type = layers<A..., B...>;
};

template <class... Lists>
struct concat_all {
  using type = layers<>;
};
template <class A, class... Rest>
struct concat_all<A, Rest...> {
  using type = typename concat_layers<A, typename concat_all<Rest...>::type>::type;
};

template <class T>
struct is_layer_list : std::false_type {};
template <class... Ls>
struct is_layer_list<layers<Ls...>> : std::true_type {};

template <class... Ls>
std::vector<const void*> layer_keys(layers<Ls...>) {
  return {layer_key<Ls>()...};
}

template <class T>
inline constexpr bool dependent_false = false;

}  // namespace detail

// The document type made from a text of type R. The document owns its text (an rvalue string is
// moved in, anything else copied once), except for byline::borrow(text), which is read in place.
namespace detail {

template <class T>
struct is_borrowed_text : std::false_type {};
template <class C>
struct is_borrowed_text<borrowed_text<C>> : std::true_type {};

template <class R>
auto document_text(R&& r) {
  using T = std::remove_cvref_t<R>;
  if constexpr (is_borrowed_text<T>::value) {
    return r.text;
  } else if constexpr (std::is_array_v<T> || std::is_pointer_v<T>) {
    auto v = unicode::detail::as_text_view(r);  // up to the first NUL
    return std::basic_string<typename decltype(v)::value_type>(v);
  } else if constexpr (std::is_same_v<T, std::basic_string<std::ranges::range_value_t<T>>> &&
                       std::is_rvalue_reference_v<R&&>) {
    return T(std::move(r));  // moved in
  } else {
    // Copied once: views, non-contiguous ranges, single-pass ranges.
    using C = std::remove_cv_t<std::ranges::range_value_t<R>>;
    std::basic_string<C> s;
    if constexpr (std::ranges::contiguous_range<R> && std::ranges::sized_range<R>) {
      // resize + copy_n rather than assign(): g++ 12 warns falsely (-Wrestrict) on assign().
      s.resize(std::ranges::size(r));
      std::copy_n(std::ranges::data(r), s.size(), s.data());
    } else {
      if constexpr (std::ranges::sized_range<R>) s.reserve(std::ranges::size(r));
      for (auto&& u : r) s.push_back(static_cast<C>(u));
    }
    return s;
  }
}

}  // namespace detail

template <class R>
using document_for = basic_document<decltype(detail::document_text(std::declval<R>()))>;

// A component: says what it needs and provides, and is const-callable on a document with a
// workspace (as a template over the document, or on document_base for any document).
template <class C>
concept component = requires {
  typename C::needs;
  typename C::provides;
} && detail::is_layer_list<typename C::needs>::value && detail::is_layer_list<typename C::provides>::value &&
                    (std::invocable<const C&, document&, workspace&> ||
                     std::invocable<const C&, document_base&, workspace&>);

namespace detail {

// Checks one component with messages a user can act on, instead of a failed concept.
template <class C>
constexpr bool check_component() {
  if constexpr (!requires { sizeof(C); }) {
    static_assert(dependent_false<C>,
                  "byline::pipeline: a component's type is incomplete. `byline::pipeline nlp;` is the news "
                  "pipeline (byline::news_pipeline): include <byline/default_pipeline.hpp> or <byline/byline.hpp>");
    return false;
  } else if constexpr (!requires { typename C::needs; typename C::provides; }) {
    static_assert(dependent_false<C>,
                  "byline::pipeline: a component must say what it needs and provides: "
                  "using needs = byline::layers<...>; using provides = byline::layers<...>;");
    return false;
  } else if constexpr (!is_layer_list<typename C::needs>::value || !is_layer_list<typename C::provides>::value) {
    static_assert(dependent_false<C>, "byline::pipeline: a component's needs and provides must be byline::layers<...>");
    return false;
  } else if constexpr (!std::invocable<const C&, document&, workspace&> &&
                       !std::invocable<const C&, document_base&, workspace&>) {
    static_assert(dependent_false<C>,
                  "byline::pipeline: a component's call operator must be const and take the document and the "
                  "workspace: template <class Doc> void operator()(Doc&, byline::workspace&) const, or "
                  "void operator()(byline::document_base&, byline::workspace&) const");
    return false;
  } else {
    return true;
  }
}

// Named in the error when a chain cannot make a document from text: Component needs Layer, and no
// component before it provides Layer.
template <class Component, class Layer, bool Provided>
struct needs_layer_not_provided_before_it : std::true_type {};
template <class Component, class Layer>
struct needs_layer_not_provided_before_it<Component, Layer, false> : std::false_type {
  static_assert(dependent_false<Component>,
                "byline::pipeline: a component needs a layer that no component before it provides (the "
                "component and the layer are the arguments of needs_layer_not_provided_before_it above). Put a "
                "component that provides the layer first (byline::tokenizer for token_layer, "
                "byline::paragraph_segmenter for paragraph_layer), or add it to an existing document with "
                "pipeline::run(doc).");
};

template <class Have, class... Cs>
struct chain_check : std::true_type {};
template <class Have, class C, class... Rest>
struct chain_check<Have, C, Rest...> {
  template <class... Ns>
  static constexpr bool needs_met(layers<Ns...>*) {
    return (needs_layer_not_provided_before_it<C, Ns, contains_layer<Ns, Have>::value>::value && ... && true);
  }
  static constexpr bool value =
      needs_met(static_cast<typename C::needs*>(nullptr)) &&
      chain_check<typename concat_layers<Have, typename C::provides>::type, Rest...>::value;
};

// Calls a component on a document: as a template over it, or on its document_base.
template <class C, class Doc>
void call_component(const C& c, Doc& doc, workspace& ws) {
  if constexpr (std::invocable<const C&, Doc&, workspace&>) {
    c(doc, ws);
  } else if constexpr (std::invocable<const C&, document_base&, workspace&>) {
    c(doc.base(), ws);
  } else {
    static_assert(dependent_false<C>,
                  "byline::pipeline: this component cannot take a document of this encoding: write its "
                  "operator() as a template (template <class Doc> void operator()(Doc&, byline::workspace&) "
                  "const) or take byline::document_base&");
  }
}

template <class... Ls>
bool has_all(const document_base& d, layers<Ls...>) {
  return (d.has<Ls>() && ...);
}
template <class... Ls>
void require_all(const document_base& d, std::string_view component, layers<Ls...>) {
  auto one = [&](std::string_view name, bool present) {
    if (!present)
      throw missing_layer("byline: component '" + std::string(component) + "' needs the '" + std::string(name) +
                          "' layer, which the document does not have; run a pipeline that provides it first");
  };
  (one(Ls::name, d.has<Ls>()), ...);
  (void)one;  // unused when nothing is needed
}
template <class... Ls>
void replace_all(document_base& d, const std::vector<const void*>& built_on, layers<Ls...>) {
  (d.replace<Ls>(built_on), ...);
}
template <class... Ls>
void remove_all(document_base& d, layers<Ls...>) {
  (d.remove<Ls>(), ...);
}

#if !defined(NDEBUG) || defined(BYLINE_VALIDATE)
inline constexpr bool validate_after_run = true;
#else
inline constexpr bool validate_after_run = false;
#endif

inline void check_valid(const document_base& d) {
  auto problems = validate(d);
  if (problems.empty()) return;
  std::string what = "byline: the pipeline left an invalid document:";
  for (const auto& p : problems) what += "\n  " + p;
  throw invalid_document(what);
}

}  // namespace detail

// The outcome of one document of pipe(): the document, or the exception its analysis threw.
template <class Doc>
class result {
  std::optional<Doc> doc_;
  std::exception_ptr error_;

 public:
  explicit result(Doc d) : doc_(std::move(d)) {}
  explicit result(std::exception_ptr e) : error_(std::move(e)) {}

  bool has_value() const noexcept { return doc_.has_value(); }
  explicit operator bool() const noexcept { return has_value(); }
  // The document; rethrows the document's exception when it has none.
  Doc& value() & {
    if (!doc_) std::rethrow_exception(error_);
    return *doc_;
  }
  const Doc& value() const& {
    if (!doc_) std::rethrow_exception(error_);
    return *doc_;
  }
  Doc&& value() && {
    if (!doc_) std::rethrow_exception(error_);
    return std::move(*doc_);
  }
  Doc& operator*() & { return value(); }
  const Doc& operator*() const& { return value(); }
  Doc* operator->() { return &value(); }
  const Doc* operator->() const { return &value(); }
  std::exception_ptr error() const noexcept { return error_; }
  // The exception's what(), or "" when there is none.
  std::string error_message() const {
    if (!error_) return {};
    try {
      std::rethrow_exception(error_);
    } catch (const std::exception& e) {
      return e.what();
    } catch (...) {
      return "unknown exception";
    }
  }
};

template <class Pipeline, class V>
class pipe_view;

template <class... Cs>
class pipeline;

namespace detail {
template <class T>
struct is_pipeline : std::false_type {};
template <class... Cs>
struct is_pipeline<pipeline<Cs...>> : std::true_type {};
}  // namespace detail

template <class... Cs>
class pipeline {
  static_assert((detail::check_component<Cs>() && ... && true));
  std::tuple<Cs...> components_;

 public:
  // Every layer the chain provides.
  using provides = typename detail::concat_all<typename Cs::provides...>::type;

  pipeline() = default;
  constexpr explicit pipeline(Cs... cs)
    requires(sizeof...(Cs) > 0)
      : components_(std::move(cs)...) {}

  template <class C>
  const C& get() const {
    return std::get<C>(components_);
  }

  // This chain with more components after it: byline::news_pipeline{}.then(my_component{}).
  template <class... More>
  pipeline<Cs..., More...> then(More... more) const& {
    return std::apply([&](const Cs&... cs) { return pipeline<Cs..., More...>(cs..., std::move(more)...); },
                      components_);
  }
  template <class... More>
  pipeline<Cs..., More...> then(More... more) && {
    return std::apply([&](Cs&... cs) { return pipeline<Cs..., More...>(std::move(cs)..., std::move(more)...); },
                      components_);
  }

  // Analyses one text with the caller's workspace. The document owns a copy of the text unless the
  // text is byline::borrow(text).
  template <class R>
  document_for<R> operator()(R&& text, workspace& ws) const {
    static_assert(detail::chain_check<layers<>, Cs...>::value);
    document_for<R> doc(detail::document_text(std::forward<R>(text)));
    run_all(doc, ws, false);
    return doc;
  }

  // Analyses one text with this thread's workspace.
  template <class R>
  document_for<R> operator()(R&& text) const {
    return (*this)(std::forward<R>(text), thread_workspace());
  }

  // Adds what is missing to a document: runs each component whose layers the document does not
  // have yet, after checking that it has the layers the component needs (missing_layer if not).
  // Running a pipeline twice leaves the document as the first run made it.
  template <class Text>
  void run(basic_document<Text>& doc, workspace& ws) const {
    run_all(doc, ws, false);
  }
  template <class Text>
  void run(basic_document<Text>& doc) const {
    run(doc, thread_workspace());
  }
  // Runs every component again: each replaces the layers it provides, and the layers built on them
  // are removed first.
  template <class Text>
  void rerun(basic_document<Text>& doc, workspace& ws) const {
    run_all(doc, ws, true);
  }
  template <class Text>
  void rerun(basic_document<Text>& doc) const {
    rerun(doc, thread_workspace());
  }

  // Analyses many texts on all cores; yields a result (the document, or the exception its analysis
  // threw) for each, in input order, lazily, keeping only a few in flight. The texts are read on
  // the calling thread. An rvalue range or pipeline is moved into the view, so temporaries are safe;
  // an lvalue one must outlive the view.
  template <std::ranges::input_range R>
  auto pipe(R&& texts, unsigned threads = 0) const& {
    return pipe_view<pipeline, std::views::all_t<R>>(std::shared_ptr<const pipeline>(std::shared_ptr<void>(), this),
                                                     std::views::all(std::forward<R>(texts)), threads);
  }
  template <std::ranges::input_range R>
  auto pipe(R&& texts, unsigned threads = 0) && {
    return pipe_view<pipeline, std::views::all_t<R>>(std::make_shared<const pipeline>(std::move(*this)),
                                                     std::views::all(std::forward<R>(texts)), threads);
  }

  static workspace& thread_workspace() {
    thread_local workspace ws;
    return ws;
  }

 private:
  template <class Doc>
  void run_all(Doc& doc, workspace& ws, bool again) const {
    std::apply([&](const auto&... c) { (run_one(c, doc, ws, again), ...); }, components_);
    if constexpr (detail::validate_after_run) detail::check_valid(doc.base());
  }

  template <class C, class Doc>
  static void run_one(const C& c, Doc& doc, workspace& ws, bool again) {
    using provided = typename C::provides;
    document_base& base = doc.base();
    if constexpr (provided::size > 0)
      if (!again && detail::has_all(base, provided{})) return;  // already there
    detail::require_all(base, detail::component_name<C>(), typename C::needs{});
    detail::replace_all(base, detail::layer_keys(typename C::needs{}), provided{});
    try {
      detail::call_component(c, doc, ws);
    } catch (...) {
      // A half-made layer is worse than none.
      detail::remove_all(base, provided{});
      throw;
    }
  }
};

template <class C, class... Cs>
pipeline(C, Cs...) -> pipeline<C, Cs...>;

// `byline::pipeline nlp;` is the English news pipeline (byline::news_pipeline, in
// <byline/default_pipeline.hpp>), never a silently empty one; an empty chain is spelled
// byline::pipeline<>.
class tokenizer;
struct paragraph_segmenter;
struct sentence_splitter;
class entity_extractor;
class pronoun_resolver;
class quote_finder;
class attribution_tagger;
class stance_tagger;
pipeline() -> pipeline<tokenizer, paragraph_segmenter, sentence_splitter, entity_extractor, pronoun_resolver, quote_finder,
                       attribution_tagger, stance_tagger>;

// ----------------------------------------------------------------------------------------------
// pipe(): a small pool of threads and an ordered window of results.

namespace detail {

// Called before each pool thread is started; tests set it to make a start fail.
inline void (*before_thread_start)(unsigned index) = nullptr;

class thread_pool {
  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> tasks_;
  bool stop_ = false;
  std::vector<std::thread> threads_;

  void stop_and_join() noexcept {
    {
      std::lock_guard lock(m_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_)
      if (t.joinable()) t.join();
  }

 public:
  // Throws std::system_error when a thread cannot be started (after stopping those that were).
  explicit thread_pool(unsigned n) {
    threads_.reserve(n);
    try {
      for (unsigned i = 0; i < n; ++i) {
        if (before_thread_start) before_thread_start(i);
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
    } catch (...) {
      stop_and_join();
      throw;
    }
  }
  ~thread_pool() { stop_and_join(); }
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

// The input range of results that pipeline::pipe returns. Single-pass; move-only.
template <class Pipeline, class V>
class pipe_view {
  using text_ref = std::ranges::range_reference_t<V>;
  // Texts that a forward range holds stay put and are read in place by the workers; anything else
  // (temporaries, the value a single-pass range overwrites as it advances) is moved or copied into
  // the task.
  static constexpr bool by_pointer = std::is_lvalue_reference_v<text_ref> && std::ranges::forward_range<V>;
  using text_value = std::remove_cvref_t<text_ref>;
  using held = std::conditional_t<by_pointer, const text_value*, text_value>;
  // The document of a text: never borrowed from the range, unless the range holds borrow()s.
  using doc_type = document_for<std::conditional_t<by_pointer, const text_value&, text_value&&>>;
  using result_type = result<doc_type>;

  struct state {
    // Texts go to the pool in batches: one task per news article would spend as long handing it
    // over (a task, a future, a wake-up) as analysing it.
    static constexpr std::size_t batch = 8;

    std::shared_ptr<const Pipeline> nlp;
    V texts;
    std::ranges::iterator_t<V> next;
    std::size_t depth;
    std::deque<std::future<std::vector<result_type>>> window;
    std::vector<result_type> chunk;  // the batch being yielded
    std::size_t at = 0;              // its result the iterator is at
    std::unique_ptr<detail::thread_pool> pool;  // last: its threads stop before the rest goes

    state(std::shared_ptr<const Pipeline> p, V t, unsigned threads)
        : nlp(std::move(p)), texts(std::move(t)), next(std::ranges::begin(texts)), depth(2 * std::size_t{threads}),
          pool(std::make_unique<detail::thread_pool>(threads)) {}

    ~state() {
      // Stop the threads before the texts and the pipeline they read go; tasks still queued run.
      pool.reset();
    }

    void fill() {
      while (window.size() < depth && next != std::ranges::end(texts)) {
        std::vector<held> batch_texts;
        batch_texts.reserve(batch);
        for (; batch_texts.size() < batch && next != std::ranges::end(texts); ++next) {
          if constexpr (by_pointer)
            batch_texts.push_back(std::addressof(*next));
          else
            batch_texts.push_back(held(*next));
        }
        auto task = std::make_shared<std::packaged_task<std::vector<result_type>()>>(
            [nlp = nlp.get(), ts = std::move(batch_texts)]() mutable {
              std::vector<result_type> docs;
              docs.reserve(ts.size());
              for (auto& t : ts) {
                // One document's exception is that document's result, not the batch's end.
                try {
                  if constexpr (by_pointer)
                    docs.emplace_back((*nlp)(*t));
                  else
                    docs.emplace_back((*nlp)(std::move(t)));
                } catch (...) {
                  docs.emplace_back(std::current_exception());
                }
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
        auto f = std::move(window.front());
        window.pop_front();
        chunk = f.get();
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
    using value_type = result_type;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    explicit iterator(state* s) : s_(s) {}
    result_type& operator*() const { return s_->chunk[s_->at]; }
    result_type* operator->() const { return &s_->chunk[s_->at]; }
    iterator& operator++() {
      s_->advance();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& it, std::default_sentinel_t) { return !it.s_->has_current(); }
  };

  pipe_view(std::shared_ptr<const Pipeline> nlp, V texts, unsigned threads) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    s_ = std::make_unique<state>(std::move(nlp), std::move(texts), threads);
  }
  pipe_view(pipe_view&&) noexcept = default;
  pipe_view& operator=(pipe_view&&) noexcept = default;
  ~pipe_view() = default;

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
