/// Whether `a` and `b` agree to a relative tolerance (absolute near zero).
func dollarsAgree(_ a: Double, _ b: Double, tolerance: Double = 1e-12) -> Bool {
  abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
