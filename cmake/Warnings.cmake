# Warnings applied to halab's own targets (not to third-party headers).
function(halab_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                           -Wold-style-cast -Wconversion -Wno-sign-conversion)
endfunction()
