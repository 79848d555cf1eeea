// Sets inline style properties through the CSSOM (element.style.setProperty), which the
// app's Content-Security-Policy (style-src 'self') allows, unlike a style="" attribute —
// and unlike lit-html's styleMap, whose first render writes the attribute.
import { noChange } from "lit-html";
import { Directive, directive, PartType, type ElementPart, type PartInfo } from "lit-html/directive.js";

class StyleProps extends Directive {
  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error("styleProps() goes on an element: <div ${styleProps({...})}>");
  }

  render(_props: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(props)) {
      if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
    }
    return noChange;
  }
}

export const styleProps = directive(StyleProps);
