// maritime/ais_payload.h (internal to the AIS decoder): the six-bit armour and a payload held
// as big-endian 64-bit words, so that every field is one or two word reads and a shift.
//
//   AisPayload payload;
//   if (!payload.Append("15RTgt0PAso;90TKcjM8h6g208CQ")) ...;  // a character outside the armour
//   payload.Finish(/*fill_bits=*/0);
//   uint32_t type = payload.U(0, 6);  // 1
//
// Reads may go a few bits past bits(): they see the fill bits as sent and then zeros, which is
// what gpsd sees for payloads a few bits short.
//
// Thread safety: plain value.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace cordon::maritime::internal {

// Longest payload accepted: 512 characters (3,072 bits); AIS itself needs at most 1,008 bits
// (five slots), so anything longer is corrupt input.
inline constexpr size_t kMaxPayloadChars = 512;

inline constexpr uint8_t kNotArmour = 0xFF;
// Armoured character -> six-bit value ('0'..'W' -> 0..39, '`'..'w' -> 40..63), kNotArmour for
// anything else. The bad value has the high bit set so a whole string is checked with one OR.
inline constexpr std::array<uint8_t, 256> kSixBitValue = [] {
  std::array<uint8_t, 256> table{};
  table.fill(kNotArmour);
  for (int c = '0'; c <= 'W'; ++c) table[c] = static_cast<uint8_t>(c - '0');
  for (int c = '`'; c <= 'w'; ++c) table[c] = static_cast<uint8_t>(c - '0' - 8);
  return table;
}();

// Six-bit value -> text character (ITU-R M.1371 table 47).
inline constexpr char kSixBitText[65] =
    "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?";

// True when every character of `armour` is in the six-bit armour.
inline bool IsArmour(std::string_view armour) {
  uint8_t seen = 0;
  for (char c : armour) seen |= kSixBitValue[static_cast<uint8_t>(c)];
  return (seen & 0x80) == 0;
}

class AisPayload {
 public:
  void Clear() {
    cur_ = 0;
    fill_ = 0;
    words_used_ = 0;
    chars_ = 0;
    bits_ = 0;
  }

  // Appends armoured characters. Returns false when one is outside the armour or the payload
  // would exceed kMaxPayloadChars; the payload is then unusable until Clear().
  bool Append(std::string_view armour) {
    if (chars_ + armour.size() > kMaxPayloadChars) return false;
    chars_ += armour.size();
    const auto* p = reinterpret_cast<const uint8_t*>(armour.data());
    size_t n = armour.size();
    uint8_t seen = 0;  // OR of every value: the high bit flags a character outside the armour
    // Ten characters are 60 bits: one push per ten instead of one per character.
    for (; n >= 10; n -= 10, p += 10) {
      uint64_t v = 0;
      for (int i = 0; i < 10; ++i) {
        const uint8_t x = kSixBitValue[p[i]];
        seen |= x;
        v = (v << 6) | x;
      }
      Push(v & ((uint64_t{1} << 60) - 1), 60);
    }
    if (n > 0) {
      uint64_t v = 0;
      for (size_t i = 0; i < n; ++i) {
        const uint8_t x = kSixBitValue[p[i]];
        seen |= x;
        v = (v << 6) | x;
      }
      const unsigned bits = static_cast<unsigned>(6 * n);
      Push(v & ((uint64_t{1} << bits) - 1), bits);
    }
    return (seen & 0x80) == 0;
  }

  // Ends the payload. REQUIRES: fill_bits <= 6 * chars().
  void Finish(unsigned fill_bits) {
    words_[words_used_] = cur_;
    words_[words_used_ + 1] = 0;
    words_[words_used_ + 2] = 0;
    bits_ = 6 * chars_ - fill_bits;
  }

  size_t bits() const { return bits_; }
  size_t chars() const { return chars_; }

  // Unsigned field of `n` bits (1..32) starting at bit `start`. REQUIRES: start <= bits() + 56.
  uint32_t U(size_t start, unsigned n) const {
    return static_cast<uint32_t>(Top(start) >> (64 - n));
  }
  // Two's-complement field of `n` bits (2..32).
  int32_t S(size_t start, unsigned n) const {
    return static_cast<int32_t>(static_cast<int64_t>(Top(start)) >> (64 - n));
  }
  bool B(size_t start) const { return (Top(start) >> 63) != 0; }

 private:
  // The 64 bits starting at `start`, left-aligned.
  uint64_t Top(size_t start) const {
    const size_t i = start >> 6;
    const unsigned off = start & 63;
    // Shifting by 64 is undefined, so the second word comes in two steps.
    return (words_[i] << off) | ((words_[i + 1] >> 1) >> (63 - off));
  }

  void Push(uint64_t v, unsigned n) {  // v < 2^n, n <= 60
    if (fill_ + n < 64) {
      cur_ |= v << (64 - fill_ - n);
      fill_ += n;
      return;
    }
    const unsigned first = 64 - fill_;  // bits of v that complete the current word
    cur_ |= v >> (n - first);
    words_[words_used_++] = cur_;
    fill_ = n - first;
    cur_ = fill_ == 0 ? 0 : v << (64 - fill_);
  }

  static constexpr size_t kWords = (kMaxPayloadChars * 6 + 63) / 64;
  std::array<uint64_t, kWords + 3> words_{};
  uint64_t cur_ = 0;
  unsigned fill_ = 0;
  size_t words_used_ = 0;
  size_t chars_ = 0;
  size_t bits_ = 0;
};

}  // namespace cordon::maritime::internal
