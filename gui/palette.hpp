// Colours of the GUI: the Okabe–Ito palette, distinguishable with the common forms of colour
// blindness. State is also always written as a label or shown by shape, never by colour alone.
#pragma once

#include <QColor>

namespace halab::gui::colors {

inline const QColor up{0, 158, 115};            // bluish green
inline const QColor suspected{230, 159, 0};     // orange
inline const QColor down{153, 153, 153};        // grey
inline const QColor fenced{0, 0, 0};            // black
inline const QColor paused{86, 180, 233};       // sky blue
inline const QColor client{0, 114, 178};        // blue
inline const QColor vip{240, 228, 66};          // yellow
inline const QColor alarm{213, 94, 0};          // vermillion: split brain, partitions
inline const QColor token{204, 121, 167};       // reddish purple: Totem's token
inline const QColor box{245, 245, 245};
inline const QColor ink{30, 30, 30};

} // namespace halab::gui::colors
