// The arithmetic of the standard for volumes and amounts (istandaarden-spec §6.3):
//  - IV077/IV078: the largest volume a ProductPeriode may carry for a toewijzing's Omvang
//    (TR321), and the total over the whole toewijzing (TR322);
//  - IV081/TR346: the amount of a prestatie, with minutes declared on an hourly tariff.
#pragma once

#include <optional>
#include <string>

#include "sluis/codecs/payload.h"

namespace sluis::workflow {

using codecs::Cents;
using codecs::Date;
using codecs::GeslotenPeriode;
using codecs::Omvang;

// Eenheden (WJ756).
inline constexpr std::string_view kMinuut = "01", kUur = "04", kEtmaal = "14", kDagdeel = "16",
                                  kStuksOutput = "82", kEuro = "83", kStuksInspanning = "84";
// Frequenties (WMO757).
inline constexpr std::string_view kPerDag = "1", kPerWeek = "2", kPerMaand = "4", kTotaal = "6";

// TR341: may a prestatie in `prestatie_eenheid` be declared on a toewijzing in
// `toewijzing_eenheid`? Equal units, or minutes on an hourly toewijzing (IV081).
bool EenheidPast(std::string_view toewijzing_eenheid, std::string_view prestatie_eenheid);

// Volumes are compared in "comparison units": minutes for an hourly toewijzing (so that minutes
// and hours can be summed), the toewijzing's own unit otherwise.
// The factor that brings a toewijzing's volume into comparison units (60 for uur).
int64_t ComparisonFactor(std::string_view toewijzing_eenheid);
// A declared volume in comparison units.
int64_t InComparisonUnits(std::string_view toewijzing_eenheid, std::string_view prestatie_eenheid,
                          int64_t volume);

// ISO weeks touched by [begin, end] (IV077, inspanningsgericht per week).
int IsoWeeksTouched(Date begin, Date end);
// Sundays in [begin, end] (IV077, outputgericht per week).
int SundaysIn(Date begin, Date end);

// TR321: the largest volume (in the toewijzing's unit) for one ProductPeriode; nullopt when the
// frequency has no per-period limit (Frequentie 6: only TR322 applies).
// `minimum_weken` raises the week count of a per-week Omvang (the optional reading of the TR321
// toelichting for huishoudelijke hulp: up to six weeks' volume in one period; see
// workflow/README.md).
std::optional<int64_t> MaxVolumeInPeriod(const Omvang& omvang, const GeslotenPeriode& periode,
                                         Date toewijzing_ingang,
                                         std::optional<Date> toewijzing_eind,
                                         int minimum_weken = 0);

// TR322: the largest total over the whole toewijzing; nullopt when the toewijzing has no end
// (an open-ended toewijzing has no total) except for Frequentie 6.
std::optional<int64_t> MaxVolumeTotal(const Omvang& omvang, Date ingang, std::optional<Date> eind);

// IV081: round half up to whole cents of (uurtarief × minuten / 60).
Cents MinutesOnHourlyTariff(Cents uurtarief, int64_t minuten);
// The minute tariff written in ProductTarief for minutes on an hourly contract: the hourly
// tariff / 60, rounded half up (it is not used to compute the amount).
Cents MinuteTariff(Cents uurtarief);

}  // namespace sluis::workflow
