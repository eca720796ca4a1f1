#include "sluis/workflow/volume.h"

#include <algorithm>

namespace sluis::workflow {

bool EenheidPast(std::string_view toewijzing, std::string_view prestatie) {
  return toewijzing == prestatie || (toewijzing == kUur && prestatie == kMinuut);
}

int64_t ComparisonFactor(std::string_view toewijzing) { return toewijzing == kUur ? 60 : 1; }

int64_t InComparisonUnits(std::string_view toewijzing, std::string_view prestatie, int64_t volume) {
  if (toewijzing == kUur) return prestatie == kMinuut ? volume : volume * 60;
  return volume;
}

int IsoWeeksTouched(Date begin, Date end) {
  if (end < begin) return 0;
  // Count distinct (ISO year, week) pairs: step from the Monday of begin's week.
  const Date first_monday = begin.AddDays(1 - begin.IsoWeekday());
  return (end - first_monday) / 7 + 1;
}

int SundaysIn(Date begin, Date end) {
  if (end < begin) return 0;
  const Date first_sunday = begin.AddDays(7 - begin.IsoWeekday());
  if (first_sunday > end) return 0;
  return (end - first_sunday) / 7 + 1;
}

namespace {

bool IsOutput(std::string_view eenheid) { return eenheid == kStuksOutput || eenheid == kEuro; }

// Months touched by [begin, end].
int64_t MonthsTouched(Date begin, Date end) {
  return int64_t{end.year() - begin.year()} * 12 + (end.month() - begin.month()) + 1;
}

}  // namespace

std::optional<int64_t> MaxVolumeInPeriod(const Omvang& o, const GeslotenPeriode& p,
                                         Date toewijzing_ingang,
                                         std::optional<Date> toewijzing_eind, int minimum_weken) {
  if (o.frequentie == kPerDag) {
    return int64_t{(p.einddatum - p.begindatum) + 1} * o.volume;
  }
  if (o.frequentie == kPerMaand) return o.volume;  // a ProductPeriode never spans months
  if (o.frequentie == kPerWeek) {
    int64_t weeks;
    if (IsOutput(o.eenheid)) {
      // IV077 outputgericht: the Sundays in the period, plus one for the period that holds the
      // toewijzing's last Sunday when the toewijzing does not end on a Sunday.
      weeks = SundaysIn(p.begindatum, p.einddatum);
      if (toewijzing_eind && toewijzing_eind->IsoWeekday() != 7) {
        const Date last_sunday = toewijzing_eind->AddDays(-toewijzing_eind->IsoWeekday());
        if (last_sunday >= p.begindatum && last_sunday <= p.einddatum) ++weeks;
        // A toewijzing that ends before its first Sunday still has one week.
        if (last_sunday < toewijzing_ingang && p.begindatum <= *toewijzing_eind) weeks = 1;
      }
    } else {
      // IV077 inspanningsgericht: the (partial) ISO weeks of the period (IV078: a partial week
      // may carry the full weekly volume).
      weeks = IsoWeeksTouched(p.begindatum, p.einddatum);
    }
    weeks = std::max<int64_t>(weeks, minimum_weken);
    return weeks * o.volume;
  }
  return std::nullopt;  // Frequentie 6: totaal binnen geldigheidsduur
}

std::optional<int64_t> MaxVolumeTotal(const Omvang& o, Date ingang, std::optional<Date> eind) {
  if (o.frequentie == kTotaal) return o.volume;
  if (!eind) return std::nullopt;
  if (o.frequentie == kPerDag) return int64_t{(*eind - ingang) + 1} * o.volume;
  if (o.frequentie == kPerMaand) return MonthsTouched(ingang, *eind) * o.volume;
  if (o.frequentie == kPerWeek) {
    const int64_t weeks =
        IsOutput(o.eenheid)
            ? std::max(1, SundaysIn(ingang, *eind) + (eind->IsoWeekday() != 7 ? 1 : 0))
            : IsoWeeksTouched(ingang, *eind);
    return weeks * o.volume;
  }
  return std::nullopt;
}

Cents MinutesOnHourlyTariff(Cents uurtarief, int64_t minuten) {
  const int64_t num = uurtarief.value() * minuten;
  return Cents((num + 30) / 60);  // half up (amounts are never negative here)
}

Cents MinuteTariff(Cents uurtarief) { return Cents((uurtarief.value() + 30) / 60); }

}  // namespace sluis::workflow
