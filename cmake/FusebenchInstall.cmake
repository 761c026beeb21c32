# What `cmake --install` puts where, and the .deb CPack makes from it (`cpack -G DEB` in the build folder):
#   bin/fusebench, bin/fusebench-cli
#   lib/fusebench/libfusebench_sentencepiece.so   (dlopen'ed; data/text/subword_model.cpp looks there)
#   share/fusebench/projects/*.fbproj             (the example projects, without generated data or runs)
#   share/applications, share/metainfo, share/mime/packages, share/icons/hicolor/{scalable,NxN}/apps
#   share/doc/fusebench                           (README, LICENSE, screenshots)
include(GNUInstallDirs)

install(TARGETS fusebench-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS fusebench_sentencepiece LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/fusebench)
if(TARGET fusebench)
  install(TARGETS fusebench RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  set(FUSEBENCH_APP_ID io.github.fusebench.Fusebench)
  install(FILES packaging/linux/${FUSEBENCH_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES packaging/linux/${FUSEBENCH_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
  install(FILES packaging/linux/${FUSEBENCH_APP_ID}.mime.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages
          RENAME ${FUSEBENCH_APP_ID}.xml)
  install(FILES resources/icons/fusebench.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
          RENAME ${FUSEBENCH_APP_ID}.svg)
  install(DIRECTORY ${FUSEBENCH_ICON_DIR} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)  # the PNG sizes (app/CMakeLists.txt)
endif()
file(GLOB FUSEBENCH_EXAMPLE_PROJECTS ${PROJECT_SOURCE_DIR}/projects/*.fbproj)
install(FILES ${FUSEBENCH_EXAMPLE_PROJECTS} DESTINATION ${CMAKE_INSTALL_DATADIR}/fusebench/projects)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/fusebench)
install(DIRECTORY docs/screenshots DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/fusebench)

# The .deb: its library dependencies (LibTorch, Qt, OpenCV, GDCM, …) computed from the binaries by
# dpkg-shlibdeps, so it installs on a Debian 12 machine with apt.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME fusebench)
set(CPACK_PACKAGE_VENDOR "Fusebench")
set(CPACK_PACKAGE_CONTACT "Fusebench developers <fusebench@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION "Build, train and explain models that combine images (DICOM included), text,
audio and tabular values; a node editor, live training, calibration, explanations and case reports.
fusebench-cli runs the same engine headless.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # fusebench_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# dpkg-shlibdeps finds libfusebench_sentencepiece.so's own dependencies too; it needs no private search path.
# Plugins Qt loads at run time (no shared-library link for dpkg-shlibdeps to see): the SVG icons, and the
# example dataset's makers (Fashion-MNIST pictures, espeak-ng speech) for the Start page.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6svg6")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk, qt6-translations-l10n, dataset-fashion-mnist, espeak-ng")
include(CPack)
