// Private to db/: when a declaratie's deadlines still run, as SQL conditions on `declaratie d`.
// One definition for the deadline sweep (deadlines.cpp), the deadlines at risk and the
// werkvoorraad's days left (ui_views*.cpp), so that they never disagree.
#pragma once

namespace sluis::db::internal {

// The 325: until the aanbieder's MSH acknowledged it.
inline constexpr char kAntwoordTermijnLoopt[] =
    "NOT EXISTS (SELECT 1 FROM bericht ack WHERE ack.id = d.antwoord_bericht_id"
    " AND ack.state = 'acknowledged')";
// Payment: every approved declaratie (anything but 0 toegekend) not yet paid.
inline constexpr char kBetaalTermijnLoopt[] =
    "(d.status NOT IN ('betaald', 'afgewezen') AND coalesce(d.toegekend_cent, 1) > 0)";

}  // namespace sluis::db::internal
