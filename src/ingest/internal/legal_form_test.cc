#include "ingest/internal/legal_form.h"

#include <gtest/gtest.h>

namespace cordon::ingest::internal {
namespace {

TEST(HasCompanyLegalFormTest, RigourFormsCountAnywhere) {
  EXPECT_TRUE(HasCompanyLegalForm("ELMONT LIMITED"));
  EXPECT_TRUE(HasCompanyLegalForm("OOO Sovfracht"));
  EXPECT_TRUE(HasCompanyLegalForm("Rosneft Oil Company PJSC"));
  EXPECT_TRUE(HasCompanyLegalForm("PETRONAS SDN BHD"));
  // Spelled out and transliterated (the CSL writes Russian forms so).
  EXPECT_TRUE(HasCompanyLegalForm("AKTSIONERNOE OBSHCHESTVO RT-AVTO"));
  EXPECT_TRUE(HasCompanyLegalForm("ООО \"Ромашка\""));  // Cyrillic folds to "ooo"
}

TEST(HasCompanyLegalFormTest, ListWordsRigourLacksCount) {
  // rigour has no "company" or "corporation"; the lists use them more than any other form.
  EXPECT_TRUE(HasCompanyLegalForm("NATIONAL IRANIAN OIL COMPANY"));
  EXPECT_TRUE(HasCompanyLegalForm("KOREA RYONBONG GENERAL CORPORATION"));
  EXPECT_TRUE(HasCompanyLegalForm("SAMBOUK SHIPPING FZC"));
  EXPECT_TRUE(HasCompanyLegalForm("JOINT STOCK COMMERCIAL BANK NOVIKOMBANK"));
  EXPECT_TRUE(HasCompanyLegalForm("PARS OIL CO."));
}

TEST(HasCompanyLegalFormTest, FormsTheXmlParsersCopiesLacked) {
  // OFAC XML and UN XML each had a list without these; the DPL's list had them.
  EXPECT_TRUE(HasCompanyLegalForm("SKODA JS A.S."));       // Czech akciova spolecnost
  EXPECT_TRUE(HasCompanyLegalForm("ASCOTEC JAPAN K.K."));  // kabushiki kaisha
  EXPECT_TRUE(HasCompanyLegalForm("AVIATRANS ANSTALT"));   // Liechtenstein establishment
  EXPECT_TRUE(HasCompanyLegalForm("AGRICOLA LTDA JOINT VENTURE"));
}

TEST(HasCompanyLegalFormTest, ShortFormsCountOnlyAsTheLastWord) {
  EXPECT_TRUE(HasCompanyLegalForm("ELMONT AG"));
  EXPECT_TRUE(HasCompanyLegalForm("TRANSNEFT-URAL, AO"));
  EXPECT_FALSE(HasCompanyLegalForm("AG ELMONT"));
  EXPECT_FALSE(HasCompanyLegalForm("AG"));
  // People: a generational suffix, a Chinese given name that is also a rigour form ("SAU").
  EXPECT_FALSE(HasCompanyLegalForm("KIM SONG II"));
  EXPECT_FALSE(HasCompanyLegalForm("Chan Sau Luen"));
  EXPECT_FALSE(HasCompanyLegalForm("AVIASTAR - TU"));  // Tupolev, not a form
}

TEST(HasCompanyLegalFormTest, NonProfitCooperativeAndStateFormsAreNotCompanies) {
  EXPECT_FALSE(HasCompanyLegalForm("COOPERATIVE DEVELOPMENT BANK"));
  EXPECT_FALSE(HasCompanyLegalForm("Society of Islamic Cooperation"));
  EXPECT_FALSE(HasCompanyLegalForm("GIE KERMAN AVIATION"));
  EXPECT_FALSE(HasCompanyLegalForm("BANK ROSSI, FEDERAL STATE BUDGETARY INSTITUTION"));
  EXPECT_FALSE(HasCompanyLegalForm("Al-Haramain Islamic Foundation e.V."));
}

TEST(HasCompanyLegalFormTest, NamesWithoutAFormAreNotCompanies) {
  EXPECT_FALSE(HasCompanyLegalForm("AL-QAIDA"));
  EXPECT_FALSE(HasCompanyLegalForm("ZIMO SHENG"));
  EXPECT_FALSE(HasCompanyLegalForm(""));
}

}  // namespace
}  // namespace cordon::ingest::internal
