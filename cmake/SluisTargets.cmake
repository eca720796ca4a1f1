# Helpers shared by every Sluis target: warnings, sanitizers, library layout.

set(SLUIS_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough
    # Designated initializers leave the other members at their defaults on purpose.
    -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 false positives in std::variant/std::optional moves at -O2 (GCC PR 105651 family).
  list(APPEND SLUIS_WARNINGS -Wno-maybe-uninitialized -Wno-restrict -Wno-array-bounds
       -Wno-stringop-overflow
       # Asio 1.18 awaitable frames use a custom operator delete (false positive in GCC 12).
       -Wno-mismatched-new-delete)
endif()

set(SLUIS_SANITIZE_FLAGS "")
if(SLUIS_SANITIZE)
  set(SLUIS_SANITIZE_FLAGS -fsanitize=${SLUIS_SANITIZE} -fno-omit-frame-pointer
      -fno-sanitize-recover=undefined)
endif()

# sluis_target_defaults(target): our warnings (errors with SLUIS_WERROR) and sanitizers.
# Only applied to Sluis targets: third-party headers come in as SYSTEM includes.
function(sluis_target_defaults target)
  target_compile_options(${target} PRIVATE ${SLUIS_WARNINGS})
  if(SLUIS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(SLUIS_SANITIZE_FLAGS)
    target_compile_options(${target} PRIVATE ${SLUIS_SANITIZE_FLAGS})
    target_link_options(${target} PRIVATE ${SLUIS_SANITIZE_FLAGS})
  endif()
endfunction()

# sluis_library(name SOURCES ... DEPS ...): library sluis_<name>, alias sluis::<name>,
# public headers in <name>/include, private ones in <name>/src.
function(sluis_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(sluis_${name} STATIC ${ARG_SOURCES})
  add_library(sluis::${name} ALIAS sluis_${name})
  target_include_directories(sluis_${name}
    PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
  target_link_libraries(sluis_${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  sluis_target_defaults(sluis_${name})
endfunction()
