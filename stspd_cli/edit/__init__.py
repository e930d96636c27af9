"""Editing strategies: the canonical layout (``stspd fmt``), the commented skeleton
(``stspd new``) and a new strategies repository (``stspd init``).

``fmt`` never trusts its own output: the data read back with stspd's loader must equal the data
read before (dates aside, written as ISO dates) and every comment must still be there, or the
file is left untouched.
"""
