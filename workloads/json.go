// json: a JSON parser over strings, from the Are-We-Fast-Yet suite (Json),
// after minimal-json's parser as AWFY's JsonPureStringParser writes it.
//
// Stresses: string handling one character at a time (each character is a
// one-byte substring, as in AWFY's pure-string parser), substring capture and
// concatenation, a recursive-descent parser with a switch per value,
// allocation of the document tree (JsonObject, JsonArray, JsonString, ...
// behind the JsonValue interface, stored in AWFY's Vector), interface
// dispatch on the results. One AWFY benchmark() parses the 25820-byte RAP
// document below; its verification checks that the result is an object whose
// "head" is an object and whose "operations" is an array of 156 elements.
//
// run(n) parses the document n times, verifying each result as AWFY does, and
// returns the sum of the verified operation counts (156 * n), or -1 if a
// result fails verification.
package main

import "fmt"

// rapBenchmarkMinified is AWFY's input document: a RAP (Remote Application
// Platform) protocol message, one operation per piece.
const rapBenchmarkMinified = `{"head":{"requestCounter":4},"operations":[` +
	`["destroy","w54"],` +
	`["set","w2",{"activeControl":"w99"}],` +
	`["set","w21",{"customVariant":"variant_navigation"}],` +
	`["set","w28",{"customVariant":"variant_selected"}],` +
	`["set","w53",{"children":["w95"]}],` +
	`["create","w95","rwt.widgets.Composite",{"parent":"w53","style":["NONE"],"bounds":[0,0,1008,586],"children":["w96","w97"],"tabIndex":-1,"clientArea":[0,0,1008,586]}],` +
	`["create","w96","rwt.widgets.Label",{"parent":"w95","style":["NONE"],"bounds":[10,30,112,26],"tabIndex":-1,"customVariant":"variant_pageHeadline","text":"TableViewer"}],` +
	`["create","w97","rwt.widgets.Composite",{"parent":"w95","style":["NONE"],"bounds":[0,61,1008,525],"children":["w98","w99","w226","w228"],"tabIndex":-1,"clientArea":[0,0,1008,525]}],` +
	`["create","w98","rwt.widgets.Text",{"parent":"w97","style":["LEFT","SINGLE","BORDER"],"bounds":[10,10,988,32],"tabIndex":22,"activeKeys":["#13","#27","#40"]}],` +
	`["listen","w98",{"KeyDown":true,"Modify":true}],` +
	`["create","w99","rwt.widgets.Grid",{"parent":"w97","style":["SINGLE","BORDER"],"appearance":"table","indentionWidth":0,"treeColumn":-1,"markupEnabled":false}],` +
	`["create","w100","rwt.widgets.ScrollBar",{"parent":"w99","style":["HORIZONTAL"]}],` +
	`["create","w101","rwt.widgets.ScrollBar",{"parent":"w99","style":["VERTICAL"]}],` +
	`["set","w99",{"bounds":[10,52,988,402],"children":[],"tabIndex":23,"activeKeys":["CTRL+#70","CTRL+#78","CTRL+#82","CTRL+#89","CTRL+#83","CTRL+#71","CTRL+#69"],"cancelKeys":["CTRL+#70","CTRL+#78","CTRL+#82","CTRL+#89","CTRL+#83","CTRL+#71","CTRL+#69"]}],` +
	`["listen","w99",{"MouseDown":true,"MouseUp":true,"MouseDoubleClick":true,"KeyDown":true}],` +
	`["set","w99",{"itemCount":118,"itemHeight":28,"itemMetrics":[[0,0,50,3,0,3,44],[1,50,50,53,0,53,44],[2,100,140,103,0,103,134],[3,240,180,243,0,243,174],[4,420,50,423,0,423,44],[5,470,50,473,0,473,44]],"columnCount":6,"headerHeight":35,"headerVisible":true,"linesVisible":true,"focusItem":"w108","selection":["w108"]}],` +
	`["listen","w99",{"Selection":true,"DefaultSelection":true}],` +
	`["set","w99",{"enableCellToolTip":true}],` +
	`["listen","w100",{"Selection":true}],` +
	`["set","w101",{"visibility":true}],` +
	`["listen","w101",{"Selection":true}],` +
	`["create","w102","rwt.widgets.GridColumn",{"parent":"w99","text":"Nr.","width":50,"moveable":true}],` +
	`["listen","w102",{"Selection":true}],` +
	`["create","w103","rwt.widgets.GridColumn",{"parent":"w99","text":"Sym.","index":1,"left":50,"width":50,"moveable":true}],` +
	`["listen","w103",{"Selection":true}],` +
	`["create","w104","rwt.widgets.GridColumn",{"parent":"w99","text":"Name","index":2,"left":100,"width":140,"moveable":true}],` +
	`["listen","w104",{"Selection":true}],` +
	`["create","w105","rwt.widgets.GridColumn",{"parent":"w99","text":"Series","index":3,"left":240,"width":180,"moveable":true}],` +
	`["listen","w105",{"Selection":true}],` +
	`["create","w106","rwt.widgets.GridColumn",{"parent":"w99","text":"Group","index":4,"left":420,"width":50,"moveable":true}],` +
	`["listen","w106",{"Selection":true}],` +
	`["create","w107","rwt.widgets.GridColumn",{"parent":"w99","text":"Period","index":5,"left":470,"width":50,"moveable":true}],` +
	`["listen","w107",{"Selection":true}],` +
	`["create","w108","rwt.widgets.GridItem",{"parent":"w99","index":0,"texts":["1","H","Hydrogen","Nonmetal","1","1"],"cellBackgrounds":[null,null,null,[138,226,52,255],null,null]}],` +
	`["create","w109","rwt.widgets.GridItem",{"parent":"w99","index":1,"texts":["2","He","Helium","Noble gas","18","1"],"cellBackgrounds":[null,null,null,[114,159,207,255],null,null]}],` +
	`["create","w110","rwt.widgets.GridItem",{"parent":"w99","index":2,"texts":["3","Li","Lithium","Alkali metal","1","2"],"cellBackgrounds":[null,null,null,[239,41,41,255],null,null]}],` +
	`["create","w111","rwt.widgets.GridItem",{"parent":"w99","index":3,"texts":["4","Be","Beryllium","Alkaline earth metal","2","2"],"cellBackgrounds":[null,null,null,[233,185,110,255],null,null]}],` +
	`["create","w112","rwt.widgets.GridItem",{"parent":"w99","index":4,"texts":["5","B","Boron","Metalloid","13","2"],"cellBackgrounds":[null,null,null,[156,159,153,255],null,null]}],` +
	`["create","w113","rwt.widgets.GridItem",{"parent":"w99","index":5,"texts":["6","C","Carbon","Nonmetal","14","2"],"cellBackgrounds":[null,null,null,[138,226,52,255],null,null]}],` +
	`["create","w114","rwt.widgets.GridItem",{"parent":"w99","index":6,"texts":["7","N","Nitrogen","Nonmetal","15","2"],"cellBackgrounds":[null,null,null,[138,226,52,255],null,null]}],` +
	`["create","w115","rwt.widgets.GridItem",{"parent":"w99","index":7,"texts":["8","O","Oxygen","Nonmetal","16","2"],"cellBackgrounds":[null,null,null,[138,226,52,255],null,null]}],` +
	`["create","w116","rwt.widgets.GridItem",{"parent":"w99","index":8,"texts":["9","F","Fluorine","Halogen","17","2"],"cellBackgrounds":[null,null,null,[252,233,79,255],null,null]}],` +
	`["create","w117","rwt.widgets.GridItem",{"parent":"w99","index":9,"texts":["10","Ne","Neon","Noble gas","18","2"],"cellBackgrounds":[null,null,null,[114,159,207,255],null,null]}],` +
	`["create","w118","rwt.widgets.GridItem",{"parent":"w99","index":10,"texts":["11","Na","Sodium","Alkali metal","1","3"],"cellBackgrounds":[null,null,null,[239,41,41,255],null,null]}],` +
	`["create","w119","rwt.widgets.GridItem",{"parent":"w99","index":11,"texts":["12","Mg","Magnesium","Alkaline earth metal","2","3"],"cellBackgrounds":[null,null,null,[233,185,110,255],null,null]}],` +
	`["create","w120","rwt.widgets.GridItem",{"parent":"w99","index":12,"texts":["13","Al","Aluminium","Poor metal","13","3"],"cellBackgrounds":[null,null,null,[238,238,236,255],null,null]}],` +
	`["create","w121","rwt.widgets.GridItem",{"parent":"w99","index":13,"texts":["14","Si","Silicon","Metalloid","14","3"],"cellBackgrounds":[null,null,null,[156,159,153,255],null,null]}],` +
	`["create","w122","rwt.widgets.GridItem",{"parent":"w99","index":14,"texts":["15","P","Phosphorus","Nonmetal","15","3"],"cellBackgrounds":[null,null,null,[138,226,52,255],null,null]}],` +
	`["create","w123","rwt.widgets.GridItem",{"parent":"w99","index":15,"texts":["16","S","Sulfur","Nonmetal","16","3"],"cellBackgrounds":[null,null,null,[138,226,52,255],null,null]}],` +
	`["create","w124","rwt.widgets.GridItem",{"parent":"w99","index":16,"texts":["17","Cl","Chlorine","Halogen","17","3"],"cellBackgrounds":[null,null,null,[252,233,79,255],null,null]}],` +
	`["create","w125","rwt.widgets.GridItem",{"parent":"w99","index":17,"texts":["18","Ar","Argon","Noble gas","18","3"],"cellBackgrounds":[null,null,null,[114,159,207,255],null,null]}],` +
	`["create","w126","rwt.widgets.GridItem",{"parent":"w99","index":18,"texts":["19","K","Potassium","Alkali metal","1","4"],"cellBackgrounds":[null,null,null,[239,41,41,255],null,null]}],` +
	`["create","w127","rwt.widgets.GridItem",{"parent":"w99","index":19,"texts":["20","Ca","Calcium","Alkaline earth metal","2","4"],"cellBackgrounds":[null,null,null,[233,185,110,255],null,null]}],` +
	`["create","w128","rwt.widgets.GridItem",{"parent":"w99","index":20,"texts":["21","Sc","Scandium","Transition metal","3","4"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w129","rwt.widgets.GridItem",{"parent":"w99","index":21,"texts":["22","Ti","Titanium","Transition metal","4","4"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w130","rwt.widgets.GridItem",{"parent":"w99","index":22,"texts":["23","V","Vanadium","Transition metal","5","4"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w131","rwt.widgets.GridItem",{"parent":"w99","index":23,"texts":["24","Cr","Chromium","Transition metal","6","4"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w132","rwt.widgets.GridItem",{"parent":"w99","index":24,"texts":["25","Mn","Manganese","Transition metal","7","4"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w133","rwt.widgets.GridItem",{"parent":"w99","index":25,"texts":["26","Fe","Iron","Transition metal","8","4"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w134","rwt.widgets.GridItem",{"parent":"w99","index":26,"texts":["27","Co","Cobalt","Transition metal","9","4"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w135","rwt.widgets.GridItem",{"parent":"w99","index":27,"texts":["28","Ni","Nickel","Transition metal","10","4"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w136","rwt.widgets.GridItem",{"parent":"w99","index":28,"texts":["29","Cu","Copper","Transition metal","11","4"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w137","rwt.widgets.GridItem",{"parent":"w99","index":29,"texts":["30","Zn","Zinc","Transition metal","12","4"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w138","rwt.widgets.GridItem",{"parent":"w99","index":30,"texts":["31","Ga","Gallium","Poor metal","13","4"],"cellBackgrounds":[null,null,null,[238,238,236,255],null,null]}],` +
	`["create","w139","rwt.widgets.GridItem",{"parent":"w99","index":31,"texts":["32","Ge","Germanium","Metalloid","14","4"],"cellBackgrounds":[null,null,null,[156,159,153,255],null,null]}],` +
	`["create","w140","rwt.widgets.GridItem",{"parent":"w99","index":32,"texts":["33","As","Arsenic","Metalloid","15","4"],"cellBackgrounds":[null,null,null,[156,159,153,255],null,null]}],` +
	`["create","w141","rwt.widgets.GridItem",{"parent":"w99","index":33,"texts":["34","Se","Selenium","Nonmetal","16","4"],"cellBackgrounds":[null,null,null,[138,226,52,255],null,null]}],` +
	`["create","w142","rwt.widgets.GridItem",{"parent":"w99","index":34,"texts":["35","Br","Bromine","Halogen","17","4"],"cellBackgrounds":[null,null,null,[252,233,79,255],null,null]}],` +
	`["create","w143","rwt.widgets.GridItem",{"parent":"w99","index":35,"texts":["36","Kr","Krypton","Noble gas","18","4"],"cellBackgrounds":[null,null,null,[114,159,207,255],null,null]}],` +
	`["create","w144","rwt.widgets.GridItem",{"parent":"w99","index":36,"texts":["37","Rb","Rubidium","Alkali metal","1","5"],"cellBackgrounds":[null,null,null,[239,41,41,255],null,null]}],` +
	`["create","w145","rwt.widgets.GridItem",{"parent":"w99","index":37,"texts":["38","Sr","Strontium","Alkaline earth metal","2","5"],"cellBackgrounds":[null,null,null,[233,185,110,255],null,null]}],` +
	`["create","w146","rwt.widgets.GridItem",{"parent":"w99","index":38,"texts":["39","Y","Yttrium","Transition metal","3","5"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w147","rwt.widgets.GridItem",{"parent":"w99","index":39,"texts":["40","Zr","Zirconium","Transition metal","4","5"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w148","rwt.widgets.GridItem",{"parent":"w99","index":40,"texts":["41","Nb","Niobium","Transition metal","5","5"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w149","rwt.widgets.GridItem",{"parent":"w99","index":41,"texts":["42","Mo","Molybdenum","Transition metal","6","5"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w150","rwt.widgets.GridItem",{"parent":"w99","index":42,"texts":["43","Tc","Technetium","Transition metal","7","5"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w151","rwt.widgets.GridItem",{"parent":"w99","index":43,"texts":["44","Ru","Ruthenium","Transition metal","8","5"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w152","rwt.widgets.GridItem",{"parent":"w99","index":44,"texts":["45","Rh","Rhodium","Transition metal","9","5"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w153","rwt.widgets.GridItem",{"parent":"w99","index":45,"texts":["46","Pd","Palladium","Transition metal","10","5"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w154","rwt.widgets.GridItem",{"parent":"w99","index":46,"texts":["47","Ag","Silver","Transition metal","11","5"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w155","rwt.widgets.GridItem",{"parent":"w99","index":47,"texts":["48","Cd","Cadmium","Transition metal","12","5"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w156","rwt.widgets.GridItem",{"parent":"w99","index":48,"texts":["49","In","Indium","Poor metal","13","5"],"cellBackgrounds":[null,null,null,[238,238,236,255],null,null]}],` +
	`["create","w157","rwt.widgets.GridItem",{"parent":"w99","index":49,"texts":["50","Sn","Tin","Poor metal","14","5"],"cellBackgrounds":[null,null,null,[238,238,236,255],null,null]}],` +
	`["create","w158","rwt.widgets.GridItem",{"parent":"w99","index":50,"texts":["51","Sb","Antimony","Metalloid","15","5"],"cellBackgrounds":[null,null,null,[156,159,153,255],null,null]}],` +
	`["create","w159","rwt.widgets.GridItem",{"parent":"w99","index":51,"texts":["52","Te","Tellurium","Metalloid","16","5"],"cellBackgrounds":[null,null,null,[156,159,153,255],null,null]}],` +
	`["create","w160","rwt.widgets.GridItem",{"parent":"w99","index":52,"texts":["53","I","Iodine","Halogen","17","5"],"cellBackgrounds":[null,null,null,[252,233,79,255],null,null]}],` +
	`["create","w161","rwt.widgets.GridItem",{"parent":"w99","index":53,"texts":["54","Xe","Xenon","Noble gas","18","5"],"cellBackgrounds":[null,null,null,[114,159,207,255],null,null]}],` +
	`["create","w162","rwt.widgets.GridItem",{"parent":"w99","index":54,"texts":["55","Cs","Caesium","Alkali metal","1","6"],"cellBackgrounds":[null,null,null,[239,41,41,255],null,null]}],` +
	`["create","w163","rwt.widgets.GridItem",{"parent":"w99","index":55,"texts":["56","Ba","Barium","Alkaline earth metal","2","6"],"cellBackgrounds":[null,null,null,[233,185,110,255],null,null]}],` +
	`["create","w164","rwt.widgets.GridItem",{"parent":"w99","index":56,"texts":["57","La","Lanthanum","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w165","rwt.widgets.GridItem",{"parent":"w99","index":57,"texts":["58","Ce","Cerium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w166","rwt.widgets.GridItem",{"parent":"w99","index":58,"texts":["59","Pr","Praseodymium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w167","rwt.widgets.GridItem",{"parent":"w99","index":59,"texts":["60","Nd","Neodymium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w168","rwt.widgets.GridItem",{"parent":"w99","index":60,"texts":["61","Pm","Promethium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w169","rwt.widgets.GridItem",{"parent":"w99","index":61,"texts":["62","Sm","Samarium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w170","rwt.widgets.GridItem",{"parent":"w99","index":62,"texts":["63","Eu","Europium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w171","rwt.widgets.GridItem",{"parent":"w99","index":63,"texts":["64","Gd","Gadolinium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w172","rwt.widgets.GridItem",{"parent":"w99","index":64,"texts":["65","Tb","Terbium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w173","rwt.widgets.GridItem",{"parent":"w99","index":65,"texts":["66","Dy","Dysprosium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w174","rwt.widgets.GridItem",{"parent":"w99","index":66,"texts":["67","Ho","Holmium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w175","rwt.widgets.GridItem",{"parent":"w99","index":67,"texts":["68","Er","Erbium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w176","rwt.widgets.GridItem",{"parent":"w99","index":68,"texts":["69","Tm","Thulium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w177","rwt.widgets.GridItem",{"parent":"w99","index":69,"texts":["70","Yb","Ytterbium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w178","rwt.widgets.GridItem",{"parent":"w99","index":70,"texts":["71","Lu","Lutetium","Lanthanide","3","6"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w179","rwt.widgets.GridItem",{"parent":"w99","index":71,"texts":["72","Hf","Hafnium","Transition metal","4","6"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w180","rwt.widgets.GridItem",{"parent":"w99","index":72,"texts":["73","Ta","Tantalum","Transition metal","5","6"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w181","rwt.widgets.GridItem",{"parent":"w99","index":73,"texts":["74","W","Tungsten","Transition metal","6","6"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w182","rwt.widgets.GridItem",{"parent":"w99","index":74,"texts":["75","Re","Rhenium","Transition metal","7","6"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w183","rwt.widgets.GridItem",{"parent":"w99","index":75,"texts":["76","Os","Osmium","Transition metal","8","6"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w184","rwt.widgets.GridItem",{"parent":"w99","index":76,"texts":["77","Ir","Iridium","Transition metal","9","6"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w185","rwt.widgets.GridItem",{"parent":"w99","index":77,"texts":["78","Pt","Platinum","Transition metal","10","6"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w186","rwt.widgets.GridItem",{"parent":"w99","index":78,"texts":["79","Au","Gold","Transition metal","11","6"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w187","rwt.widgets.GridItem",{"parent":"w99","index":79,"texts":["80","Hg","Mercury","Transition metal","12","6"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w188","rwt.widgets.GridItem",{"parent":"w99","index":80,"texts":["81","Tl","Thallium","Poor metal","13","6"],"cellBackgrounds":[null,null,null,[238,238,236,255],null,null]}],` +
	`["create","w189","rwt.widgets.GridItem",{"parent":"w99","index":81,"texts":["82","Pb","Lead","Poor metal","14","6"],"cellBackgrounds":[null,null,null,[238,238,236,255],null,null]}],` +
	`["create","w190","rwt.widgets.GridItem",{"parent":"w99","index":82,"texts":["83","Bi","Bismuth","Poor metal","15","6"],"cellBackgrounds":[null,null,null,[238,238,236,255],null,null]}],` +
	`["create","w191","rwt.widgets.GridItem",{"parent":"w99","index":83,"texts":["84","Po","Polonium","Metalloid","16","6"],"cellBackgrounds":[null,null,null,[156,159,153,255],null,null]}],` +
	`["create","w192","rwt.widgets.GridItem",{"parent":"w99","index":84,"texts":["85","At","Astatine","Halogen","17","6"],"cellBackgrounds":[null,null,null,[252,233,79,255],null,null]}],` +
	`["create","w193","rwt.widgets.GridItem",{"parent":"w99","index":85,"texts":["86","Rn","Radon","Noble gas","18","6"],"cellBackgrounds":[null,null,null,[114,159,207,255],null,null]}],` +
	`["create","w194","rwt.widgets.GridItem",{"parent":"w99","index":86,"texts":["87","Fr","Francium","Alkali metal","1","7"],"cellBackgrounds":[null,null,null,[239,41,41,255],null,null]}],` +
	`["create","w195","rwt.widgets.GridItem",{"parent":"w99","index":87,"texts":["88","Ra","Radium","Alkaline earth metal","2","7"],"cellBackgrounds":[null,null,null,[233,185,110,255],null,null]}],` +
	`["create","w196","rwt.widgets.GridItem",{"parent":"w99","index":88,"texts":["89","Ac","Actinium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w197","rwt.widgets.GridItem",{"parent":"w99","index":89,"texts":["90","Th","Thorium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w198","rwt.widgets.GridItem",{"parent":"w99","index":90,"texts":["91","Pa","Protactinium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w199","rwt.widgets.GridItem",{"parent":"w99","index":91,"texts":["92","U","Uranium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w200","rwt.widgets.GridItem",{"parent":"w99","index":92,"texts":["93","Np","Neptunium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w201","rwt.widgets.GridItem",{"parent":"w99","index":93,"texts":["94","Pu","Plutonium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w202","rwt.widgets.GridItem",{"parent":"w99","index":94,"texts":["95","Am","Americium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w203","rwt.widgets.GridItem",{"parent":"w99","index":95,"texts":["96","Cm","Curium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w204","rwt.widgets.GridItem",{"parent":"w99","index":96,"texts":["97","Bk","Berkelium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w205","rwt.widgets.GridItem",{"parent":"w99","index":97,"texts":["98","Cf","Californium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w206","rwt.widgets.GridItem",{"parent":"w99","index":98,"texts":["99","Es","Einsteinium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w207","rwt.widgets.GridItem",{"parent":"w99","index":99,"texts":["100","Fm","Fermium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w208","rwt.widgets.GridItem",{"parent":"w99","index":100,"texts":["101","Md","Mendelevium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w209","rwt.widgets.GridItem",{"parent":"w99","index":101,"texts":["102","No","Nobelium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w210","rwt.widgets.GridItem",{"parent":"w99","index":102,"texts":["103","Lr","Lawrencium","Actinide","3","7"],"cellBackgrounds":[null,null,null,[173,127,168,255],null,null]}],` +
	`["create","w211","rwt.widgets.GridItem",{"parent":"w99","index":103,"texts":["104","Rf","Rutherfordium","Transition metal","4","7"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w212","rwt.widgets.GridItem",{"parent":"w99","index":104,"texts":["105","Db","Dubnium","Transition metal","5","7"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w213","rwt.widgets.GridItem",{"parent":"w99","index":105,"texts":["106","Sg","Seaborgium","Transition metal","6","7"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w214","rwt.widgets.GridItem",{"parent":"w99","index":106,"texts":["107","Bh","Bohrium","Transition metal","7","7"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w215","rwt.widgets.GridItem",{"parent":"w99","index":107,"texts":["108","Hs","Hassium","Transition metal","8","7"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w216","rwt.widgets.GridItem",{"parent":"w99","index":108,"texts":["109","Mt","Meitnerium","Transition metal","9","7"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w217","rwt.widgets.GridItem",{"parent":"w99","index":109,"texts":["110","Ds","Darmstadtium","Transition metal","10","7"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w218","rwt.widgets.GridItem",{"parent":"w99","index":110,"texts":["111","Rg","Roentgenium","Transition metal","11","7"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w219","rwt.widgets.GridItem",{"parent":"w99","index":111,"texts":["112","Uub","Ununbium","Transition metal","12","7"],"cellBackgrounds":[null,null,null,[252,175,62,255],null,null]}],` +
	`["create","w220","rwt.widgets.GridItem",{"parent":"w99","index":112,"texts":["113","Uut","Ununtrium","Poor metal","13","7"],"cellBackgrounds":[null,null,null,[238,238,236,255],null,null]}],` +
	`["create","w221","rwt.widgets.GridItem",{"parent":"w99","index":113,"texts":["114","Uuq","Ununquadium","Poor metal","14","7"],"cellBackgrounds":[null,null,null,[238,238,236,255],null,null]}],` +
	`["create","w222","rwt.widgets.GridItem",{"parent":"w99","index":114,"texts":["115","Uup","Ununpentium","Poor metal","15","7"],"cellBackgrounds":[null,null,null,[238,238,236,255],null,null]}],` +
	`["create","w223","rwt.widgets.GridItem",{"parent":"w99","index":115,"texts":["116","Uuh","Ununhexium","Poor metal","16","7"],"cellBackgrounds":[null,null,null,[238,238,236,255],null,null]}],` +
	`["create","w224","rwt.widgets.GridItem",{"parent":"w99","index":116,"texts":["117","Uus","Ununseptium","Halogen","17","7"],"cellBackgrounds":[null,null,null,[252,233,79,255],null,null]}],` +
	`["create","w225","rwt.widgets.GridItem",{"parent":"w99","index":117,"texts":["118","Uuo","Ununoctium","Noble gas","18","7"],"cellBackgrounds":[null,null,null,[114,159,207,255],null,null]}],` +
	`["create","w226","rwt.widgets.Composite",{"parent":"w97","style":["BORDER"],"bounds":[10,464,988,25],"children":["w227"],"tabIndex":-1,"clientArea":[0,0,986,23]}],` +
	`["create","w227","rwt.widgets.Label",{"parent":"w226","style":["NONE"],"bounds":[10,10,966,3],"tabIndex":-1,"text":"Hydrogen (H)"}],` +
	`["create","w228","rwt.widgets.Label",{"parent":"w97","style":["WRAP"],"bounds":[10,499,988,16],"tabIndex":-1,"foreground":[150,150,150,255],"font":[["Verdana","Lucida Sans","Arial","Helvetica","sans-serif"],10,false,false],"text":"Shortcuts: [CTRL+F] - Filter | Sort by: [CTRL+R] - Number, [CTRL+Y] - Symbol, [CTRL+N] - Name, [CTRL+S] - Series, [CTRL+G] - Group, [CTRL+E] - Period"}],` +
	`["set","w1",{"focusControl":"w99"}],` +
	`["call","rwt.client.BrowserNavigation","addToHistory",{"entries":[["tableviewer","TableViewer"]]}]]}`

// ---------------------------------------------------------------- som.Vector

const INITIAL_SIZE = 10

// Vector is AWFY's som.Vector (the part this benchmark uses).
type Vector struct {
	storage  []interface{}
	firstIdx int
	lastIdx  int
}

func newVector() *Vector {
	return &Vector{}
}

func (v *Vector) at(idx int) interface{} {
	if v.storage == nil || idx >= len(v.storage) {
		return nil
	}
	return v.storage[idx]
}

func (v *Vector) append(elem interface{}) {
	if v.storage == nil {
		v.storage = make([]interface{}, INITIAL_SIZE)
	} else if v.lastIdx >= len(v.storage) {
		// Need to expand capacity first
		newStorage := make([]interface{}, 2*len(v.storage))
		copy(newStorage, v.storage)
		v.storage = newStorage
	}
	v.storage[v.lastIdx] = elem
	v.lastIdx++
}

func (v *Vector) isEmpty() bool {
	return v.lastIdx == v.firstIdx
}

func (v *Vector) size() int {
	return v.lastIdx - v.firstIdx
}

// ---------------------------------------------------------------- values

type JsonValue interface {
	isObject() bool
	isArray() bool
	isNumber() bool
	isString() bool
	isBoolean() bool
	isTrue() bool
	isFalse() bool
	isNull() bool
	asObject() *JsonObject
	asArray() *JsonArray
}

type JsonArray struct {
	values *Vector
}

func newJsonArray() *JsonArray {
	return &JsonArray{values: newVector()}
}

func (a *JsonArray) add(value JsonValue) *JsonArray {
	if value == nil {
		panic("value is null")
	}
	a.values.append(value)
	return a
}

func (a *JsonArray) size() int {
	return a.values.size()
}

func (a *JsonArray) get(index int) JsonValue {
	return a.values.at(index).(JsonValue)
}

func (a *JsonArray) isObject() bool        { return false }
func (a *JsonArray) isArray() bool         { return true }
func (a *JsonArray) isNumber() bool        { return false }
func (a *JsonArray) isString() bool        { return false }
func (a *JsonArray) isBoolean() bool       { return false }
func (a *JsonArray) isTrue() bool          { return false }
func (a *JsonArray) isFalse() bool         { return false }
func (a *JsonArray) isNull() bool          { return false }
func (a *JsonArray) asObject() *JsonObject { panic("Not an object") }
func (a *JsonArray) asArray() *JsonArray   { return a }

type JsonLiteral struct {
	value     string
	nullValue bool
	trueValue bool
	falseVal  bool
}

func newJsonLiteral(value string) *JsonLiteral {
	return &JsonLiteral{value: value, nullValue: value == "null", trueValue: value == "true", falseVal: value == "false"}
}

var NULL = newJsonLiteral("null")
var TRUE = newJsonLiteral("true")
var FALSE = newJsonLiteral("false")

func (l *JsonLiteral) isObject() bool        { return false }
func (l *JsonLiteral) isArray() bool         { return false }
func (l *JsonLiteral) isNumber() bool        { return false }
func (l *JsonLiteral) isString() bool        { return false }
func (l *JsonLiteral) isBoolean() bool       { return l.trueValue || l.falseVal }
func (l *JsonLiteral) isTrue() bool          { return l.trueValue }
func (l *JsonLiteral) isFalse() bool         { return l.falseVal }
func (l *JsonLiteral) isNull() bool          { return l.nullValue }
func (l *JsonLiteral) asObject() *JsonObject { panic("Not an object") }
func (l *JsonLiteral) asArray() *JsonArray   { panic("Not an array") }

type JsonNumber struct {
	str string
}

func newJsonNumber(str string) *JsonNumber {
	return &JsonNumber{str: str}
}

func (x *JsonNumber) isObject() bool        { return false }
func (x *JsonNumber) isArray() bool         { return false }
func (x *JsonNumber) isNumber() bool        { return true }
func (x *JsonNumber) isString() bool        { return false }
func (x *JsonNumber) isBoolean() bool       { return false }
func (x *JsonNumber) isTrue() bool          { return false }
func (x *JsonNumber) isFalse() bool         { return false }
func (x *JsonNumber) isNull() bool          { return false }
func (x *JsonNumber) asObject() *JsonObject { panic("Not an object") }
func (x *JsonNumber) asArray() *JsonArray   { panic("Not an array") }

type JsonString struct {
	str string
}

func newJsonString(str string) *JsonString {
	return &JsonString{str: str}
}

func (x *JsonString) isObject() bool        { return false }
func (x *JsonString) isArray() bool         { return false }
func (x *JsonString) isNumber() bool        { return false }
func (x *JsonString) isString() bool        { return true }
func (x *JsonString) isBoolean() bool       { return false }
func (x *JsonString) isTrue() bool          { return false }
func (x *JsonString) isFalse() bool         { return false }
func (x *JsonString) isNull() bool          { return false }
func (x *JsonString) asObject() *JsonObject { panic("Not an object") }
func (x *JsonString) asArray() *JsonArray   { panic("Not an array") }

// HashIndexTable maps a name to its index in a JsonObject (a deliberately
// weak hash, as in the suite).
type HashIndexTable struct {
	hashTable []int
}

func newHashIndexTable() *HashIndexTable {
	return &HashIndexTable{hashTable: make([]int, 32)} // must be a power of two
}

func (h *HashIndexTable) add(name string, index int) {
	slot := h.hashSlotFor(name)
	if index < 0xff {
		// increment by 1, 0 stands for empty
		h.hashTable[slot] = (index + 1) & 0xff
	} else {
		h.hashTable[slot] = 0
	}
}

func (h *HashIndexTable) get(name string) int {
	slot := h.hashSlotFor(name)
	// subtract 1, 0 stands for empty
	return (h.hashTable[slot] & 0xff) - 1
}

func stringHash(s string) int {
	// this is not a proper hash, but sufficient for the benchmark,
	// and very portable!
	return len(s) * 1402589
}

func (h *HashIndexTable) hashSlotFor(element string) int {
	return stringHash(element) & (len(h.hashTable) - 1)
}

type JsonObject struct {
	names  *Vector
	values *Vector
	table  *HashIndexTable
}

func newJsonObject() *JsonObject {
	return &JsonObject{names: newVector(), values: newVector(), table: newHashIndexTable()}
}

func (o *JsonObject) add(name string, value JsonValue) *JsonObject {
	if value == nil {
		panic("value is null")
	}
	o.table.add(name, o.names.size())
	o.names.append(name)
	o.values.append(value)
	return o
}

func (o *JsonObject) get(name string) JsonValue {
	index := o.indexOf(name)
	if index == -1 {
		return nil
	}
	return o.values.at(index).(JsonValue)
}

func (o *JsonObject) size() int {
	return o.names.size()
}

func (o *JsonObject) indexOf(name string) int {
	index := o.table.get(name)
	if index != -1 && name == o.names.at(index).(string) {
		return index
	}
	panic("not implemented") // Not needed for benchmark
}

func (o *JsonObject) isObject() bool        { return true }
func (o *JsonObject) isArray() bool         { return false }
func (o *JsonObject) isNumber() bool        { return false }
func (o *JsonObject) isString() bool        { return false }
func (o *JsonObject) isBoolean() bool       { return false }
func (o *JsonObject) isTrue() bool          { return false }
func (o *JsonObject) isFalse() bool         { return false }
func (o *JsonObject) isNull() bool          { return false }
func (o *JsonObject) asObject() *JsonObject { return o }
func (o *JsonObject) asArray() *JsonArray   { panic("Not an array") }

// ---------------------------------------------------------------- parser

// ParseException is what AWFY's parser throws on malformed input.
type ParseException struct {
	message string
	offset  int
	line    int
	column  int
}

func (e *ParseException) Error() string {
	return fmt.Sprintf("%s at %d:%d", e.message, e.line, e.column)
}

// JsonPureStringParser works on one-character strings: current is the
// character at index, or "" at the end of the input (AWFY's null).
type JsonPureStringParser struct {
	input         string
	index         int
	line          int
	column        int
	current       string
	captureBuffer string
	captureStart  int
}

func newParser(input string) *JsonPureStringParser {
	return &JsonPureStringParser{input: input, index: -1, line: 1, column: 0, current: "", captureBuffer: "", captureStart: -1}
}

func (p *JsonPureStringParser) parse() JsonValue {
	p.read()
	p.skipWhiteSpace()
	result := p.readValue()
	p.skipWhiteSpace()
	if !p.isEndOfText() {
		panic(p.error("Unexpected character"))
	}
	return result
}

func (p *JsonPureStringParser) readValue() JsonValue {
	switch p.current {
	case "n":
		return p.readNull()
	case "t":
		return p.readTrue()
	case "f":
		return p.readFalse()
	case "\"":
		return p.readString()
	case "[":
		return p.readArray()
	case "{":
		return p.readObject()
	case "-", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9":
		return p.readNumber()
	default:
		panic(p.expected("value"))
	}
}

func (p *JsonPureStringParser) readArray() JsonValue {
	p.read()
	array := newJsonArray()
	p.skipWhiteSpace()
	if p.readChar("]") {
		return array
	}
	for {
		p.skipWhiteSpace()
		array.add(p.readValue())
		p.skipWhiteSpace()
		if !p.readChar(",") {
			break
		}
	}
	if !p.readChar("]") {
		panic(p.expected("',' or ']'"))
	}
	return array
}

func (p *JsonPureStringParser) readObject() JsonValue {
	p.read()
	object := newJsonObject()
	p.skipWhiteSpace()
	if p.readChar("}") {
		return object
	}
	for {
		p.skipWhiteSpace()
		name := p.readName()
		p.skipWhiteSpace()
		if !p.readChar(":") {
			panic(p.expected("':'"))
		}
		p.skipWhiteSpace()
		object.add(name, p.readValue())
		p.skipWhiteSpace()
		if !p.readChar(",") {
			break
		}
	}
	if !p.readChar("}") {
		panic(p.expected("',' or '}'"))
	}
	return object
}

func (p *JsonPureStringParser) readName() string {
	if p.current != "\"" {
		panic(p.expected("name"))
	}
	return p.readStringInternal()
}

func (p *JsonPureStringParser) readNull() JsonValue {
	p.read()
	p.readRequiredChar("u")
	p.readRequiredChar("l")
	p.readRequiredChar("l")
	return NULL
}

func (p *JsonPureStringParser) readTrue() JsonValue {
	p.read()
	p.readRequiredChar("r")
	p.readRequiredChar("u")
	p.readRequiredChar("e")
	return TRUE
}

func (p *JsonPureStringParser) readFalse() JsonValue {
	p.read()
	p.readRequiredChar("a")
	p.readRequiredChar("l")
	p.readRequiredChar("s")
	p.readRequiredChar("e")
	return FALSE
}

func (p *JsonPureStringParser) readRequiredChar(ch string) {
	if !p.readChar(ch) {
		panic(p.expected("'" + ch + "'"))
	}
}

func (p *JsonPureStringParser) readString() JsonValue {
	return newJsonString(p.readStringInternal())
}

func (p *JsonPureStringParser) readStringInternal() string {
	p.read()
	p.startCapture()
	for p.current != "\"" {
		if p.current == "\\" {
			p.pauseCapture()
			p.readEscape()
			p.startCapture()
		} else {
			p.read()
		}
	}
	str := p.endCapture()
	p.read()
	return str
}

func (p *JsonPureStringParser) readEscape() {
	p.read()
	switch p.current {
	case "\"", "/", "\\":
		p.captureBuffer += p.current
	case "b":
		p.captureBuffer += "\b"
	case "f":
		p.captureBuffer += "\f"
	case "n":
		p.captureBuffer += "\n"
	case "r":
		p.captureBuffer += "\r"
	case "t":
		p.captureBuffer += "\t"
	default:
		panic(p.expected("valid escape sequence"))
	}
	p.read()
}

func (p *JsonPureStringParser) readNumber() JsonValue {
	p.startCapture()
	p.readChar("-")
	firstDigit := p.current
	if !p.readDigit() {
		panic(p.expected("digit"))
	}
	if firstDigit != "0" {
		for p.readDigit() {
		}
	}
	p.readFraction()
	p.readExponent()
	return newJsonNumber(p.endCapture())
}

func (p *JsonPureStringParser) readFraction() bool {
	if !p.readChar(".") {
		return false
	}
	if !p.readDigit() {
		panic(p.expected("digit"))
	}
	for p.readDigit() {
	}
	return true
}

func (p *JsonPureStringParser) readExponent() bool {
	if !p.readChar("e") && !p.readChar("E") {
		return false
	}
	if !p.readChar("+") {
		p.readChar("-")
	}
	if !p.readDigit() {
		panic(p.expected("digit"))
	}
	for p.readDigit() {
	}
	return true
}

func (p *JsonPureStringParser) readChar(ch string) bool {
	if p.current != ch {
		return false
	}
	p.read()
	return true
}

func (p *JsonPureStringParser) readDigit() bool {
	if !p.isDigit() {
		return false
	}
	p.read()
	return true
}

func (p *JsonPureStringParser) skipWhiteSpace() {
	for p.isWhiteSpace() {
		p.read()
	}
}

func (p *JsonPureStringParser) read() {
	if p.current == "\n" {
		p.line++
		p.column = 0
	}
	p.index++
	if p.index < len(p.input) {
		p.current = p.input[p.index : p.index+1]
	} else {
		p.current = ""
	}
}

func (p *JsonPureStringParser) startCapture() {
	p.captureStart = p.index
}

func (p *JsonPureStringParser) pauseCapture() {
	end := p.index - 1
	if p.current == "" {
		end = p.index
	}
	p.captureBuffer += p.input[p.captureStart : end+1]
	p.captureStart = -1
}

func (p *JsonPureStringParser) endCapture() string {
	end := p.index - 1
	if p.current == "" {
		end = p.index
	}
	var captured string
	if p.captureBuffer == "" {
		captured = p.input[p.captureStart : end+1]
	} else {
		p.captureBuffer += p.input[p.captureStart : end+1]
		captured = p.captureBuffer
		p.captureBuffer = ""
	}
	p.captureStart = -1
	return captured
}

func (p *JsonPureStringParser) expected(expected string) *ParseException {
	if p.isEndOfText() {
		return p.error("Unexpected end of input")
	}
	return p.error("Expected " + expected)
}

func (p *JsonPureStringParser) error(message string) *ParseException {
	return &ParseException{message: message, offset: p.index, line: p.line, column: p.column - 1}
}

func (p *JsonPureStringParser) isWhiteSpace() bool {
	return p.current == " " || p.current == "\t" || p.current == "\n" || p.current == "\r"
}

func (p *JsonPureStringParser) isDigit() bool {
	return p.current == "0" || p.current == "1" || p.current == "2" || p.current == "3" ||
		p.current == "4" || p.current == "5" || p.current == "6" || p.current == "7" ||
		p.current == "8" || p.current == "9"
}

func (p *JsonPureStringParser) isEndOfText() bool {
	return p.current == ""
}

// ---------------------------------------------------------------- benchmark

func benchmark() JsonValue {
	return newParser(rapBenchmarkMinified).parse()
}

func verifyResult(result JsonValue) bool {
	if !result.isObject() {
		return false
	}
	if !result.asObject().get("head").isObject() {
		return false
	}
	if !result.asObject().get("operations").isArray() {
		return false
	}
	return result.asObject().get("operations").asArray().size() == 156
}

func run(n int) int {
	total := 0
	for i := 0; i < n; i++ {
		result := benchmark()
		if !verifyResult(result) {
			return -1
		}
		total += result.asObject().get("operations").asArray().size()
	}
	return total
}

func main() {
	fmt.Println(run(80))
}
