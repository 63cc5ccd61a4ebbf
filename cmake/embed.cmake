# embed.cmake - turns a text file into a C source file that holds it as a
# NUL-terminated string returned by one function, so the binary needs no
# data file at run time (and the build needs no xxd). Run as:
#   cmake -DIN=file.json -DOUT=file.c -DFUNC=jmap_schema_text -P embed.cmake
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){16})" "\\1\n    " bytes "${bytes}")
get_filename_component(name "${IN}" NAME)
file(WRITE "${OUT}.tmp"
"/* Generated from ${name} by cmake/embed.cmake: do not edit. */
#include \"jmap.h\"

static const unsigned char text[] = {
    ${bytes}0x00};

const char *${FUNC}(void)
{
    return (const char *)text;
}
")
file(RENAME "${OUT}.tmp" "${OUT}")
