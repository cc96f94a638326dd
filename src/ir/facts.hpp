#pragma once
// Facts: one on its own (a case's, a test's), and the facts a program states, kept with
// their values back to back so that a million facts are a few arrays, not a million
// vectors.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <span>
#include <vector>

namespace sinew::ir {

using RelationId = std::uint32_t;
using OriginId = std::uint32_t;
using Value = std::uint64_t;

struct Fact {
  RelationId relation = 0xffffffffu;
  std::vector<Value> values;
  OriginId origin = 0xffffffffu;
};

// A fact whose values live elsewhere: in `Facts`, or in a `Fact`.
struct FactRef {
  RelationId relation = 0xffffffffu;
  std::span<const Value> values;
  OriginId origin = 0xffffffffu;

  FactRef() = default;
  FactRef(RelationId of, std::span<const Value> with, OriginId from)
      : relation(of), values(with), origin(from) {}
  FactRef(const Fact& fact) : relation(fact.relation), values(fact.values), origin(fact.origin) {}
};

// Facts in statement order. Facts come in runs: a knowledge base states many facts of
// one relation in a row, each its own statement (origins that count up) or all from one
// (an entity's memberships). A run is one record, so a million such facts cost their
// values and little else.
class Facts {
 public:
  void add(RelationId relation, std::span<const Value> values, OriginId origin) {
    if (holds(values)) {  // a fact of this table again: its values may move as it grows
      std::vector<Value> copy(values.begin(), values.end());
      add(relation, copy, origin);
      return;
    }
    std::span<Value> place = add(relation, values.size(), origin);
    std::copy(values.begin(), values.end(), place.begin());
  }
  void push_back(const Fact& fact) { add(fact.relation, fact.values, fact.origin); }
  // Adds a fact of `arity` values for the caller to fill in (the loader's way in).
  std::span<Value> add(RelationId relation, std::size_t arity, OriginId origin) {
    if (runs_.empty() || !extends(runs_.back(), relation, arity, origin)) {
      runs_.push_back(Run{relation, origin, static_cast<std::uint32_t>(arity), false, size_, 0,
                          values_.size()});
    }
    ++runs_.back().count;
    ++size_;
    values_.resize(values_.size() + arity);
    return std::span<Value>(values_).last(arity);
  }
  void reserve(std::size_t values) { values_.reserve(values); }

  FactRef operator[](std::size_t i) const;
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = FactRef;
    using difference_type = std::ptrdiff_t;
    iterator(const Facts* facts, std::size_t run) : facts_(facts), run_(run) {}
    FactRef operator*() const { return facts_->at(facts_->runs_[run_], k_); }
    iterator& operator++() {
      if (++k_ == facts_->runs_[run_].count) {
        ++run_;
        k_ = 0;
      }
      return *this;
    }
    bool operator==(const iterator& other) const { return run_ == other.run_ && k_ == other.k_; }

   private:
    const Facts* facts_;
    std::size_t run_;
    std::size_t k_ = 0;
  };
  iterator begin() const { return {this, 0}; }
  iterator end() const { return {this, runs_.size()}; }

 private:
  struct Run {
    RelationId relation;
    OriginId origin;  // of the first fact
    std::uint32_t arity;
    bool counting = false;  // the origins count up from `origin`; else all are `origin`
    std::size_t first;      // the index of its first fact
    std::size_t count;
    std::size_t values;  // where its values begin in values_
  };
  bool holds(std::span<const Value> values) const {
    std::less_equal<const Value*> at_or_before;
    return !values.empty() && !values_.empty() && at_or_before(values_.data(), values.data()) &&
           at_or_before(values.data(), values_.data() + values_.size() - 1);
  }
  // Whether the fact continues `run`, which then counts its origins up if it is the
  // second fact and its origin is the next.
  static bool extends(Run& run, RelationId relation, std::size_t arity, OriginId origin) {
    if (run.relation != relation || run.arity != arity) return false;
    if (run.count == 1 && run.origin != 0xffffffffu && origin == run.origin + 1)
      run.counting = true;
    return origin == (run.counting ? run.origin + static_cast<OriginId>(run.count) : run.origin);
  }
  FactRef at(const Run& run, std::size_t k) const {
    return FactRef(run.relation,
                   std::span<const Value>(values_).subspan(run.values + k * run.arity, run.arity),
                   run.counting ? run.origin + static_cast<OriginId>(k) : run.origin);
  }

  std::vector<Run> runs_;
  std::vector<Value> values_;
  std::size_t size_ = 0;
};

}  // namespace sinew::ir
