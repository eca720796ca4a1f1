# Third-party libraries, all from Debian 12 packages (SLUIS_APT_PACKAGES in ops/lib/common.sh).
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(pugixml REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx>=6.4)

# sluisd allocates and frees many short-lived buffers per message (HTTP bodies, MIME parts,
# XML, query parameters); jemalloc spends less CPU on that than glibc's malloc (gateway/README,
# Benchmark). Not with sanitizers, which bring their own allocator.
option(SLUIS_JEMALLOC "Link sluisd with jemalloc (libjemalloc-dev)" ON)
if(SLUIS_JEMALLOC AND SLUIS_SANITIZE STREQUAL "")
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
endif()

if(SLUIS_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(SLUIS_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
