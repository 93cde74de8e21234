import { Studio } from "@/components/studio/studio";

export default function Page() {
  return <Studio />;
}
