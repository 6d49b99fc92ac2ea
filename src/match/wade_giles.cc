#include "match/wade_giles.h"

#include <algorithm>
#include <array>
#include <unordered_set>

namespace cordon::match {
namespace {

// Hanyu Pinyin's syllables without tones, ü written u (as folding writes it): the standard
// syllable table, initial by initial.
constexpr std::string_view kPinyinSyllables =
    "a o e ai ei ao ou an en ang eng er yi ya yo ye yao you yan yin yang ying yong wu wa wo wai "
    "wei wan wen wang weng yu yue yuan yun "
    "ba bo bai bei bao ban ben bang beng bi bie biao bian bin bing bu "
    "pa po pai pei pao pou pan pen pang peng pi pie piao pian pin ping pu "
    "ma mo me mai mei mao mou man men mang meng mi mie miao miu mian min ming mu "
    "fa fo fei fou fan fen fang feng fu "
    "da de dai dei dao dou dan den dang deng dong di die diao diu dian ding du duo dui duan dun "
    "ta te tai tao tou tan tang teng tong ti tie tiao tian ting tu tuo tui tuan tun "
    "na ne nai nei nao nou nan nen nang neng nong ni nie niao niu nian nin niang ning nu nuo "
    "nuan nue "
    "la le lai lei lao lou lan lang leng long li lia lie liao liu lian lin liang ling lu luo "
    "luan lun lue "
    "ga ge gai gei gao gou gan gen gang geng gong gu gua guo guai gui guan gun guang "
    "ka ke kai kei kao kou kan ken kang keng kong ku kua kuo kuai kui kuan kun kuang "
    "ha he hai hei hao hou han hen hang heng hong hu hua huo huai hui huan hun huang "
    "ji jia jie jiao jiu jian jin jiang jing jiong ju jue juan jun "
    "qi qia qie qiao qiu qian qin qiang qing qiong qu que quan qun "
    "xi xia xie xiao xiu xian xin xiang xing xiong xu xue xuan xun "
    "zha zhe zhai zhei zhao zhou zhan zhen zhang zheng zhong zhi zhu zhua zhuo zhuai zhui "
    "zhuan zhun zhuang "
    "cha che chai chao chou chan chen chang cheng chong chi chu chua chuo chuai chui chuan chun "
    "chuang "
    "sha she shai shei shao shou shan shen shang sheng shi shu shua shuo shuai shui shuan shun "
    "shuang "
    "re rao rou ran ren rang reng rong ri ru ruo rui ruan run "
    "za ze zai zei zao zou zan zen zang zeng zong zi zu zuo zui zuan zun "
    "ca ce cai cao cou can cen cang ceng cong ci cu cuo cui cuan cun "
    "sa se sai sao sou san sen sang seng song si su suo sui suan sun";

const std::unordered_set<std::string_view>& PinyinSet() {
  static const std::unordered_set<std::string_view> set = [] {
    std::unordered_set<std::string_view> s;
    std::string_view rest = kPinyinSyllables;
    while (!rest.empty()) {
      const size_t space = std::min(rest.find(' '), rest.size());
      if (space > 0) s.insert(rest.substr(0, space));
      rest.remove_prefix(std::min(space + 1, rest.size()));
    }
    return s;
  }();
  return set;
}

// Initials, longest first, and the pinyin each may be. Folding drops the apostrophe of the
// aspirates (ch', k', p', t', ts'), so each reads as the plain initial and as the aspirate.
struct Initial {
  std::string_view wade_giles;
  std::array<std::string_view, 2> pinyin;  // "" ends the list
};
constexpr Initial kInitials[] = {
    {"hs", {"x"}}, {"ch", {}},    {"sh", {"sh"}},    {"ts", {"z", "c"}}, {"tz", {"z", "c"}},
    {"ss", {"s"}}, {"sz", {"s"}}, {"k", {"g", "k"}}, {"p", {"b", "p"}},  {"t", {"d", "t"}},
    {"j", {"r"}},  {"m", {"m"}},  {"n", {"n"}},      {"l", {"l"}},       {"f", {"f"}},
    {"h", {"h"}},  {"w", {"w"}},  {"y", {"y"}},      {"s", {"s"}},
};

// Finals whose spelling differs; any other is read as written.
struct Final {
  std::string_view wade_giles;
  std::array<std::string_view, 3> pinyin;
};
constexpr Final kFinals[] = {
    {"iung", {"iong"}}, {"ung", {"ong"}}, {"ieh", {"ie"}}, {"ien", {"ian"}},        {"ueh", {"ue"}},
    {"erh", {"er"}},    {"eh", {"e"}},    {"ih", {"i"}},   {"o", {"o", "e", "uo"}},
};

void Add(std::string syllable, std::string_view word, std::vector<std::string>& out) {
  if (syllable != word && IsPinyinSyllable(syllable) &&
      std::find(out.begin(), out.end(), syllable) == out.end()) {
    out.push_back(std::move(syllable));
  }
}

void Read(std::string_view word, std::vector<std::string>& out) {
  // A syllable without an initial ("an", "erh", "ou").
  for (const Final& f : kFinals) {
    if (word == f.wade_giles) {
      for (std::string_view p : f.pinyin) {
        if (!p.empty()) Add(std::string(p), word, out);
      }
    }
  }
  for (const Initial& initial : kInitials) {
    if (!word.starts_with(initial.wade_giles)) continue;
    const std::string_view final = word.substr(initial.wade_giles.size());
    if (final.empty()) continue;
    std::array<std::string_view, 3> finals = {final};
    for (const Final& f : kFinals) {
      if (final == f.wade_giles) finals = f.pinyin;
    }
    // "tzu" and "ssu" are zi and si; "tsu" is zu.
    if (final == "u" &&
        (initial.wade_giles == "tz" || initial.wade_giles == "ss" || initial.wade_giles == "sz")) {
      finals = {"i"};
    }
    // ch is j or q before i and ü (folded u), zh or ch elsewhere and in "chih".
    std::array<std::string_view, 4> initials = {initial.pinyin[0], initial.pinyin[1]};
    if (initial.wade_giles == "ch") {
      if (final == "ih") {
        initials = {"zh", "ch"};
      } else if (final[0] == 'i') {
        initials = {"j", "q"};
      } else if (final[0] == 'u') {
        initials = {"zh", "ch", "j", "q"};
      } else {
        initials = {"zh", "ch"};
      }
    }
    for (std::string_view i : initials) {
      if (i.empty()) break;
      for (std::string_view f : finals) {
        if (!f.empty()) Add(std::string(i) + std::string(f), word, out);
      }
    }
    // The longest initial that reads decides: "hsi" is hs + i, never h + si.
    if (!out.empty()) return;
  }
}

}  // namespace

bool IsPinyinSyllable(std::string_view folded) { return PinyinSet().contains(folded); }

bool HasWadeGilesMark(std::string_view w) {
  if (w.starts_with("hs") || w.starts_with("ts") || w.starts_with("tz") || w.starts_with("ss") ||
      w.starts_with("sz") || (w.starts_with("ch") && w.size() > 2 && w[2] == 'i')) {
    return true;
  }
  if (w.ends_with("ih") || w.ends_with("ieh") || w.ends_with("ien") || w.ends_with("ueh") ||
      w.ends_with("erh")) {
    return true;
  }
  return w.ends_with("ung") &&
         (w.starts_with("k") || w.starts_with("p") || w.starts_with("t") || w.starts_with("ch"));
}

std::vector<std::string> WadeGilesAsPinyin(std::string_view folded) {
  std::vector<std::string> out;
  if (folded.size() < 2 || folded.size() > 6 || IsPinyinSyllable(folded) ||
      !HasWadeGilesMark(folded)) {
    return out;
  }
  Read(folded, out);
  return out;
}

std::vector<std::string> WadeGilesSyllableAsPinyin(std::string_view folded) {
  std::vector<std::string> out;
  if (folded.empty() || folded.size() > 6) return out;
  Read(folded, out);
  return out;
}

}  // namespace cordon::match
