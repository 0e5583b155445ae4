// The two case modals say what their button does, in the reader's language.
import { describe, expect, it } from "vitest";
import { escalateModal, remedyModal } from "../../src/features/complaints/modals.ts";
import { translator } from "../../src/infra/i18n.ts";

describe("complaint modals", () => {
  it("the remedy form's button proposes; the escalation form's escalates", () => {
    expect([
      remedyModal(translator("en"), "case1").submit.text,
      escalateModal(translator("en"), "case1").submit.text,
    ]).toEqual(["Propose", "Escalate"]);
    expect([
      remedyModal(translator("zh-CN"), "case1").submit.text,
      escalateModal(translator("zh-CN"), "case1").submit.text,
    ]).toEqual(["提交方案", "升级"]);
  });

  it("carry the version of the card they were opened from", () => {
    expect(JSON.parse(remedyModal(translator("en"), "case1", 7).private_metadata)).toEqual({
      caseId: "case1",
      seen: 7,
    });
  });
});
