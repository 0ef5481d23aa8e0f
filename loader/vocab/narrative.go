package vocab

// NameKey folds what does not tell two printed subject names apart (ordinal, width, spaces,
// bracket shapes, quotes): two names with the same key name the same subject.
func NameKey(s string) string { return normName(stripOrdinal(s)) }
