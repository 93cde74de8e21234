import type { Config } from "tailwindcss";

export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  darkMode: "media",
  theme: {
    extend: {
      colors: {
        brand: { DEFAULT: "#6d5dfc", dark: "#5645e0" },
      },
    },
  },
  plugins: [],
} satisfies Config;
